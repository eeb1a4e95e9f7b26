package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code /help}: the registry's commands by section, each with its menu description ({@code /name} bare
 * when it has none). Made by {@link ChatCommands}, whose list it reads.
 */
class HelpCommand extends NamedCommand {

    private final ChatCommands commands;
    private final Texts texts;
    private final Replies replies;

    HelpCommand(ChatCommands commands, Texts texts, Replies replies) {
        super("help", MenuEntry.Section.BROWSE, MenuEntry.Popup.CORE);
        this.commands = commands;
        this.texts = texts;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        replies.text(message.chat(), help(), message.transportMessageId());
    }

    String help() {
        var catalogue = texts.i18n().catalogue();
        List<String> blocks = new ArrayList<>();
        for (MenuEntry.Section section : MenuEntry.Section.values()) {
            var entries = commands.entries().stream()
                    .filter(e -> e.section() == section)
                    .toList();
            if (section.title == null || entries.isEmpty()) {
                continue;
            }
            List<String> lines = new ArrayList<>();
            lines.add(texts.t(Objects.requireNonNull(section.title)));
            for (MenuEntry entry : entries) {
                String description = catalogue.command(entry.command());
                lines.add("/" + entry.command() + (description == null ? "" : " -- " + description));
            }
            blocks.add(String.join("\n", lines));
        }
        return Texts.fmt(
                texts.t("help.header"), Texts.SEP, String.join("\n", blocks), Texts.SEP, texts.t("help.footer"));
    }
}
