/**
 * A scriptable fake of the model APIs the real claude, codex and gemini CLIs call (Anthropic Messages,
 * OpenAI Responses, Gemini streamGenerateContent), served on loopback for the real-CLI contract tests.
 */
@NullMarked
package dev.ductor.testkit.modelapi;

import org.jspecify.annotations.NullMarked;
