package dev.ductor.orchestrator.command;

import dev.ductor.bus.Bus;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.named.StoppingNamedSessions;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.run.FinishingTurn;
import dev.ductor.orchestrator.session.SessionStore;
import org.springframework.stereotype.Component;

/**
 * {@code /stop} and the abort words (behaviour §2.7): kill the chat's running turn and discard its queue;
 * outside a topic also stop the chat's named session runs and end its named sessions.
 */
@Component
class StopCommand extends NamedCommand {

    private final Conversations conversations;
    private final TurnJournal journal;
    private final SessionStore sessions;
    private final QueueIndicators indicators;
    private final Replies replies;
    private final Bus bus;
    private final FinishingTurn finishing;
    private final Texts texts;
    private final OrchestratorMetrics metrics;
    private final StoppingNamedSessions named;

    StopCommand(
            Conversations conversations,
            TurnJournal journal,
            SessionStore sessions,
            QueueIndicators indicators,
            Replies replies,
            Bus bus,
            FinishingTurn finishing,
            Texts texts,
            OrchestratorMetrics metrics,
            StoppingNamedSessions named) {
        super("stop", MenuEntry.Section.DAILY, MenuEntry.Popup.CORE);
        this.metrics = metrics;
        this.named = named;
        this.texts = texts;
        this.finishing = finishing;
        this.conversations = conversations;
        this.journal = journal;
        this.sessions = sessions;
        this.indicators = indicators;
        this.replies = replies;
        this.bus = bus;
    }

    @Override
    public boolean matches(InboundMessage message) {
        return AbortWords.isAbort(message.text());
    }

    @Override
    public void handle(InboundMessage message) {
        metrics.abort("stop");
        discardQueue(message.chat());
        var running = conversations.activeRun(message.chat());
        running.ifPresent(runId -> {
            bus.control(new CancelRun(runId, CancelRun.Mode.STOP), runId);
            finishing.stopBeforeStart(runId);
        });
        boolean namedStopped = named.stop(message.chat());
        String provider = sessions.get(message.chat()).map(s -> s.provider()).orElse("claude");
        replies.text(
                message.chat(),
                texts.agentStopped(provider, running.isPresent() || namedStopped),
                message.transportMessageId());
    }

    /** Every waiting message of the chat is settled as handled and never runs. */
    void discardQueue(ChatRef chat) {
        for (PendingMessage discarded : conversations.drain(chat)) {
            journal.markSeen(discarded.key());
            discarded.acker().ack();
            indicators.discarded(discarded);
        }
    }
}
