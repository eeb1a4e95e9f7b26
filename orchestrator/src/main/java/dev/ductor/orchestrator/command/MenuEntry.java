package dev.ductor.orchestrator.command;

import org.jspecify.annotations.Nullable;

/**
 * A command as the user sees it: its name (its description is {@code commands.toml}'s), the section of
 * {@code /help} that lists it and the group of the Telegram menu.
 */
record MenuEntry(String command, Section section, Popup popup) {

    /** The sections of {@code /help}, in its order. */
    enum Section {
        DAILY("help.cat_daily"),
        AUTOMATION("help.cat_automation"),
        MULTI_AGENT("help.cat_multiagent"),
        BROWSE("help.cat_browse"),
        MAINTENANCE("help.cat_maintenance"),
        /** Not listed ({@code /start}). */
        NONE(null);

        final @Nullable String title;

        Section(@Nullable String title) {
            this.title = title;
        }
    }

    /** ductor's menu lists its core commands first, then the multi-agent group ({@code /stop_all}). */
    enum Popup {
        CORE,
        MULTI_AGENT,
        /** Hidden: {@code /where}, {@code /leave}, {@code /start}. */
        NONE
    }
}
