package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code /help}: the registry's commands by section, each with its menu description ({@code /name} bare
 * when it has none). In a Matrix room, where clients take {@code /} for themselves, in the {@code !} form
 * ductor shows there: bold section names, {@code `!name` — description} lines and a footer naming both
 * prefixes (behaviour §2.3). Made by {@link ChatCommands}, whose list it reads.
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
        replies.text(
                message.chat(),
                Transport.of(message.chat().transport()) == Transport.MATRIX ? matrixHelp() : help(),
                message.transportMessageId());
    }

    String help() {
        return help("%s", "/%s", " -- %s", "help.footer");
    }

    String matrixHelp() {
        return help("**%s**", "`!%s`", " \u2014 %s", "help.matrix_footer");
    }

    /** The help with {@code title}, {@code command} and {@code description} as the formats of its parts. */
    private String help(String title, String command, String description, String footer) {
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
            lines.add(title.formatted(texts.t(Objects.requireNonNull(section.title))));
            for (MenuEntry entry : entries) {
                String said = catalogue.command(entry.command());
                lines.add(command.formatted(entry.command()) + (said == null ? "" : description.formatted(said)));
            }
            blocks.add(String.join("\n", lines));
        }
        return Texts.fmt(texts.t("help.header"), Texts.SEP, String.join("\n", blocks), Texts.SEP, texts.t(footer));
    }
}
