package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.springframework.stereotype.Component;

/**
 * The chat commands in the order they are asked, which is also their order in {@code /help} and in the
 * menu (ductor's); the first that matches takes the message. A new command is one
 * class and one line in {@link #ORDER}. {@code /help} and the unknown-command answer read this registry,
 * so they are made here.
 */
@Component
public class ChatCommands {

    private static final List<Class<? extends ChatCommand>> ORDER = List.of(
            NewCommand.class,
            ResetCommand.class,
            StopCommand.class,
            InterruptCommand.class,
            StopAllCommand.class,
            ModelCommand.class,
            StatusCommand.class,
            MemoryCommand.class,
            // named sessions (behaviour §5.6)
            SessionCommand.class,
            SessionsCommand.class,
            // background tasks (behaviour §5.7)
            TasksCommand.class,
            NamedFollowUpCommand.class,
            CronCommand.class,
            AgentCommandsCommand.class,
            WhereCommand.class,
            LeaveCommand.class,
            ShowFilesCommand.class,
            InfoCommand.class,
            HelpCommand.class,
            DiagnoseCommand.class,
            UpgradeCommand.class,
            RestartCommand.class,
            // sub-agents (behaviour §5.8)
            AgentsCommand.class,
            AgentControlCommand.Start.class,
            AgentControlCommand.Stop.class,
            AgentControlCommand.Restart.class,
            StartCommand.class,
            DirectiveOnlyCommand.class,
            UnknownCommand.class);

    private final List<ChatCommand> commands;

    ChatCommands(List<ChatCommand> handlers, Texts texts, Replies replies) {
        var all = new ArrayList<>(handlers);
        all.add(new HelpCommand(this, texts, replies));
        all.add(new UnknownCommand(this, texts, replies));
        all.sort(Comparator.comparingInt(ChatCommands::position));
        this.commands = List.copyOf(all);
    }

    /**
     * Handles the message if a command takes it: true then, after {@code settle} ran (the caller settles
     * the delivery there) and the command's work after that.
     */
    public boolean handle(InboundMessage received, Runnable settle) {
        InboundMessage message = bangAsSlash(received);
        for (ChatCommand command : commands) {
            if (command.matches(message)) {
                command.handle(message);
                settle.run();
                command.afterSettled();
                return true;
            }
        }
        return false;
    }

    /**
     * On Matrix, whose clients take {@code /} for themselves, {@code !name} is the command {@code /name} when
     * this registry knows it (behaviour §9.4); an unknown {@code !word} stays text for the agent.
     */
    private InboundMessage bangAsSlash(InboundMessage message) {
        String text = message.text().strip();
        if (Transport.of(message.chat().transport()) != Transport.MATRIX || !text.startsWith("!")) {
            return message;
        }
        String name = text.substring(1).split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
        if (!knows(name)) {
            return message;
        }
        return new InboundMessage(
                message.chat(),
                message.chatType(),
                message.userId(),
                message.userName(),
                message.transportMessageId(),
                "/" + text.substring(1),
                message.quotedText(),
                message.addressed(),
                message.sentAt(),
                message.nativeChatId(),
                message.nativeUserId());
    }

    /** The commands' entries in registry order. */
    List<MenuEntry> entries() {
        return commands.stream().flatMap(c -> c.entry().stream()).toList();
    }

    /** The Telegram menu: the core commands, then the multi-agent group; hidden ones left out. */
    List<MenuEntry> menu() {
        return Stream.of(MenuEntry.Popup.CORE, MenuEntry.Popup.MULTI_AGENT)
                .flatMap(popup -> entries().stream().filter(e -> e.popup() == popup))
                .toList();
    }

    boolean knows(String name) {
        return entries().stream().anyMatch(e -> e.command().equals(name));
    }

    private static int position(ChatCommand command) {
        for (int i = 0; i < ORDER.size(); i++) {
            if (ORDER.get(i).isInstance(command)) {
                return i;
            }
        }
        throw new IllegalStateException(command.getClass().getName() + " is missing in ChatCommands.ORDER");
    }
}
