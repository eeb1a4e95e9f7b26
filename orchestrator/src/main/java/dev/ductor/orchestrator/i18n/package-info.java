/**
 * The UI languages (behaviour Appendix A): ductor's text catalogue per language ({@code i18n/<lang>/chat.toml}
 * for chat texts, {@code commands.toml} for the command descriptions), looked up by key with English as
 * the fallback, in the language config.json names now.
 */
@NullMarked
package dev.ductor.orchestrator.i18n;

import org.jspecify.annotations.NullMarked;
