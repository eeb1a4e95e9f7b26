/**
 * The models each CLI offers, asked where the CLI lives (behaviour §4.3, §4.4): Codex through
 * {@code codex app-server}'s {@code model/list}, Gemini from the files of its installation. Reported with the
 * runner's {@code RunnerStatus}; the orchestrator keeps ductor's caches of them.
 */
@NullMarked
package dev.ductor.runner.models;

import org.jspecify.annotations.NullMarked;
