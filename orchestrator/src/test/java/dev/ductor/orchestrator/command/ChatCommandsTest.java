package dev.ductor.orchestrator.command;

import static dev.ductor.orchestrator.TestMessages.message;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.i18n.I18n;
import dev.ductor.orchestrator.lifecycle.Restarting;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class ChatCommandsTest {

    private final Replies replies = mock(Replies.class);

    private ChatCommands commands(String language) {
        return TestCommands.all(new Texts(I18n.of(language)), replies);
    }

    /** What the bot answers to the message if a command takes it, else empty (the message is for the agent). */
    private Optional<String> answer(ChatCommands commands, InboundMessage message) {
        List<String> settled = new ArrayList<>();
        if (!commands.handle(message, () -> settled.add(message.transportMessageId()))) {
            return Optional.empty();
        }
        assertThat(settled).containsExactly(message.transportMessageId());
        var text = ArgumentCaptor.forClass(String.class);
        verify(replies, org.mockito.Mockito.atLeastOnce()).text(any(), text.capture(), anyString());
        return Optional.of(text.getValue());
    }

    @Test
    void helpListsTheCommandsByCategoryWithTheirMenuDescriptions() {
        assertThat(answer(commands("en"), privateMessage(1, "1", "/help"))).contains("""
                        **Command Reference**

                        ───

                        Daily
                        /new -- Start new chat
                        /reset -- Reset current chat
                        /stop -- Stop current + queued msgs
                        /interrupt -- Interrupt current, keep queue
                        /stop_all -- Kill everything
                        /model -- Show/switch model
                        /status -- Session info
                        /memory -- Show main memory
                        /session -- Background sessions
                        /sessions
                        /tasks
                        Automation
                        /cron -- Manage cron jobs
                        Multi-Agent
                        /agent_commands -- Multi-agent system
                        /agents -- List all agents
                        /agent_start -- Start a sub-agent
                        /agent_stop -- Stop a sub-agent
                        /agent_restart -- Restart a sub-agent
                        Browse & Info
                        /where
                        /leave
                        /showfiles -- Browse files
                        /info -- Docs, links & about
                        /help -- Show all commands
                        Maintenance
                        /diagnose -- System diagnostics
                        /upgrade -- Check for updates
                        /restart -- Restart bot

                        ───

                        Send any message to start working with your agent.""");
    }

    @Test
    void agentCommandsExplainsTheMultiAgentSystemInTheTransportsCommandForm() {
        assertThat(answer(commands("en"), privateMessage(1, "1", "/agent_commands")))
                .contains("""
                        **Multi-Agent System**

                        ───

                        The multi-agent system lets you run additional bots as sub-agents — each with its own \
                        Telegram token, workspace, and user list. All agents share a single process and can \
                        communicate via the inter-agent bus.

                        **Commands**
                        `/agents` — list all agents and their status
                        `/agent_start <name>` — start a sub-agent
                        `/agent_stop <name>` — stop a sub-agent
                        `/agent_restart <name>` — restart a sub-agent

                        **Setup**
                        Ask your agent to create a new sub-agent or edit `agents.json` in your ductor home directory.""");
        ChatRef room = new ChatRef("mx", "main", 77, null);
        assertThat(answer(commands("de"), message(room, "private", 5, "m1", "!agent_commands", null)))
                .hasValueSatisfying(text -> assertThat(text)
                        .startsWith("**Multi-Agent-System**")
                        .contains("`!agent_stop <name>` — einen Sub-Agenten stoppen")
                        .doesNotContain("`/"));
    }

    @Test
    void onMatrixTheHelpIsInTheBangFormWithBoldSections() {
        ChatRef room = new ChatRef("mx", "main", 77, null);
        assertThat(answer(commands("en"), message(room, "private", 5, "m1", "!help", null)))
                .hasValueSatisfying(text -> assertThat(text)
                        .startsWith("**Command Reference**\n\n───\n\n**Daily**\n`!new` — Start new chat\n")
                        .contains("\n`!sessions`\n`!tasks`\n**Automation**\n`!cron` — Manage cron jobs\n")
                        .contains("\n`!restart` — Restart bot\n")
                        .endsWith("───\n\nUse `!` or `/` prefix. Send any message to start.")
                        .doesNotContain("/new", " -- "));
        assertThat(answer(commands("de"), message(room, "private", 5, "m2", "/help", null)))
                .hasValueSatisfying(text -> assertThat(text)
                        .contains("**Alltag**")
                        .endsWith("Nutze `!` oder `/` als Präfix. Schick einfach eine Nachricht, um loszulegen."));
    }

    @Test
    void onMatrixABangCommandIsTheSlashCommandAndAnUnknownOneIsText() {
        var commands = commands("en");
        ChatRef room = new ChatRef("mx", "main", 77, null);
        assertThat(answer(commands, message(room, "private", 5, "m1", "!help", null)))
                .hasValueSatisfying(text -> assertThat(text).startsWith("**Command Reference**"));
        assertThat(answer(commands, message(room, "private", 5, "m2", "!frobnicate now", null)))
                .isEmpty();
        assertThat(answer(commands("en"), privateMessage(1, "m3", "!help"))).isEmpty();
    }

    @Test
    void unknownCommandsAreAnsweredKnownOnesAndTextAreNot() {
        var commands = commands("en");
        assertThat(answer(commands, privateMessage(1, "1", "/frobnicate now")))
                .contains("Unknown command /frobnicate. /help lists the commands.");
        assertThat(answer(commands, privateMessage(1, "2", "/effort@ductor_bot high")))
                .contains("/effort is not available in this version of ductor. /help lists the commands.");
        assertThat(answer(commands, privateMessage(1, "3", "/usr/bin/env is broken")))
                .isEmpty();
        assertThat(answer(commands, privateMessage(1, "4", "hello /foo"))).isEmpty();
        assertThat(answer(commands("de"), privateMessage(1, "5", "/frobnicate")))
                .get()
                .asString()
                .doesNotStartWith("Unknown");
    }

    @Test
    void unknownCommandsStaySilentWhereTheyMayBeAnotherBotsOrTextForTheAgent() {
        var commands = commands("en");
        ChatRef group = new ChatRef("tg", "main", -100, null);
        var notAddressed = new InboundMessage(
                group, "supergroup", 1, "u", "1", "/frobnicate", null, false, java.time.Instant.now());
        assertThat(commands.handle(notAddressed, () -> {})).isFalse();
        var matrix = message(new ChatRef("mx", "main", 5, null), "private", 1, "2", "/frobnicate", null);
        assertThat(commands.handle(matrix, () -> {})).isFalse();
    }

    @Test
    void whereAndLeaveAreCommandsInPrivateChatsOnlyAndNeverUnknown() {
        var commands = commands("en");
        ChatRef group = new ChatRef("tg", "main", -100, null);
        assertThat(commands.handle(message(group, "supergroup", 1, "1", "/where", null), () -> {}))
                .isFalse();
        assertThat(commands.handle(message(group, "supergroup", 1, "2", "/leave -100", null), () -> {}))
                .isFalse();
        assertThat(commands.handle(privateMessage(1, "3", "/where"), () -> {})).isTrue();
    }

    @Test
    void stopAllAndItsPhrasesAreNeverTakenForAPlainStop() {
        var commands = commands("en");
        String stoppedAll = Texts.english().stoppedAll(0);
        assertThat(answer(commands, privateMessage(1, "1", "/stop_all"))).contains(stoppedAll);
        assertThat(answer(commands, privateMessage(1, "2", "Stop All"))).contains(stoppedAll);
        assertThat(answer(commands, privateMessage(1, "3", "stop")))
                .contains(Texts.english().agentStopped("claude", false));
    }

    @Test
    void restartExitsOnlyOnceItsMessageIsSettled() {
        var restarting = mock(Restarting.class);
        var settle = mock(Runnable.class);
        var commands = new ChatCommands(List.of(new RestartCommand(restarting)), Texts.english(), replies);
        var message = privateMessage(1, "1", "/restart");
        assertThat(commands.handle(message, settle)).isTrue();
        var order = inOrder(restarting, settle);
        order.verify(restarting).request(message);
        order.verify(settle).run();
        order.verify(restarting).exit();
    }

    @Test
    void aCommandMissingInTheOrderIsRefusedAtStart() {
        ChatCommand ping = new NamedCommand("ping", MenuEntry.Section.DAILY, MenuEntry.Popup.CORE) {
            @Override
            public void handle(InboundMessage message) {}
        };
        assertThatThrownBy(() -> new ChatCommands(List.of(ping), Texts.english(), replies))
                .hasMessageContaining("missing in ChatCommands.ORDER");
    }
}
