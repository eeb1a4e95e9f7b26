package dev.ductor.orchestrator.command;

import dev.ductor.model.ChatType;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A message whose first word is a {@code /command} the registry does not know: ductor drops it silently,
 * here the user learns why nothing happened ("not available in this version" for ductor's commands this
 * bot lacks). Only when asked here: in a group a command not addressed to the bot may be another bot's,
 * and on Matrix an unknown {@code !command} is text for the agent. Made by {@link ChatCommands}.
 */
class UnknownCommand implements ChatCommand {

    /** ductor's commands this bot does not offer (yet). */
    private static final Set<String> NOT_AVAILABLE = Set.of("effort");

    /** A first word that Telegram shows as a command: {@code /name} or {@code /name@bot}. */
    private static final Pattern COMMAND = Pattern.compile("/([A-Za-z0-9_]{1,32})(@\\w+)?");

    private final ChatCommands commands;
    private final Texts texts;
    private final Replies replies;

    UnknownCommand(ChatCommands commands, Texts texts, Replies replies) {
        this.commands = commands;
        this.texts = texts;
        this.replies = replies;
    }

    @Override
    public Optional<MenuEntry> entry() {
        return Optional.empty();
    }

    @Override
    public boolean matches(InboundMessage message) {
        boolean askedHere = ChatType.of(message.chatType()) == ChatType.PRIVATE || message.addressed();
        return Transport.of(message.chat().transport()) != Transport.MATRIX
                && askedHere
                && name(message).filter(name -> !commands.knows(name)).isPresent();
    }

    @Override
    public void handle(InboundMessage message) {
        String name = name(message).orElseThrow();
        String answer = NOT_AVAILABLE.contains(name)
                ? texts.t("help.not_available", "command", "/" + name)
                : texts.t("help.unknown_command", "command", "/" + name);
        replies.text(message.chat(), answer, message.transportMessageId());
    }

    private static Optional<String> name(InboundMessage message) {
        Matcher m = COMMAND.matcher(message.text().strip().split("\\s+", 2)[0]);
        return m.matches() ? Optional.of(m.group(1).toLowerCase(Locale.ROOT)) : Optional.empty();
    }
}
