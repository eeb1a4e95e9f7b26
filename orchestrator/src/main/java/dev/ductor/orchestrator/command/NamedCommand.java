package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import java.util.Optional;

/** A command that is its {@code /name} (or {@code /name@bot}) as the message's first word. */
abstract class NamedCommand implements ChatCommand {

    private final MenuEntry entry;

    NamedCommand(String name, MenuEntry.Section section, MenuEntry.Popup popup) {
        this.entry = new MenuEntry(name, section, popup);
    }

    @Override
    public final Optional<MenuEntry> entry() {
        return Optional.of(entry);
    }

    @Override
    public boolean matches(InboundMessage message) {
        return AbortWords.isCommand(message.text(), entry.command());
    }

    /** The words after the command, split at white space. */
    static String[] arguments(InboundMessage message) {
        String[] words = message.text().strip().split("\\s+");
        return java.util.Arrays.copyOfRange(words, 1, words.length);
    }
}
