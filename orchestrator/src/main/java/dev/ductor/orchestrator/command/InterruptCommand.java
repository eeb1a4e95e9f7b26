package dev.ductor.orchestrator.command;

import dev.ductor.bus.Bus;
import dev.ductor.model.CancelRun;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import org.springframework.stereotype.Component;

/**
 * {@code /interrupt} and its words (behaviour §2.8): SIGINT to the chat's running CLI; its output is dropped
 * and the messages waiting behind it go on.
 */
@Component
class InterruptCommand extends NamedCommand {

    private final Conversations conversations;
    private final Replies replies;
    private final Bus bus;
    private final Texts texts;
    private final OrchestratorMetrics metrics;

    InterruptCommand(Conversations conversations, Replies replies, Bus bus, Texts texts, OrchestratorMetrics metrics) {
        super("interrupt", MenuEntry.Section.DAILY, MenuEntry.Popup.CORE);
        this.metrics = metrics;
        this.texts = texts;
        this.conversations = conversations;
        this.replies = replies;
        this.bus = bus;
    }

    @Override
    public boolean matches(InboundMessage message) {
        return AbortWords.isInterrupt(message.text());
    }

    @Override
    public void handle(InboundMessage message) {
        metrics.abort("interrupt");
        var running = conversations.activeRun(message.chat());
        running.ifPresent(runId -> bus.control(new CancelRun(runId, CancelRun.Mode.INTERRUPT), runId));
        replies.text(
                message.chat(), texts.interruptedProcesses(running.isPresent() ? 1 : 0), message.transportMessageId());
    }
}
