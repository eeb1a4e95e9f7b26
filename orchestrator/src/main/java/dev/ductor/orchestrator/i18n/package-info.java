/**
 * The UI languages (spec Appendix A): ductor's text catalogue per language ({@code i18n/<lang>/chat.toml}
 * for chat texts, {@code commands.toml} for the command menu), looked up by key with English as the
 * fallback, in the language config.json names now; and the bot's command menu, re-synced when the
 * language changes.
 */
@NullMarked
package dev.ductor.orchestrator.i18n;

import org.jspecify.annotations.NullMarked;
