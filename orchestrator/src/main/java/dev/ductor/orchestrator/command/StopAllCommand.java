package dev.ductor.orchestrator.command;

import dev.ductor.bus.Bus;
import dev.ductor.model.CancelAll;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.agents.CountingRuns;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import org.springframework.stereotype.Component;

/**
 * {@code /stop_all} and the abort-all phrases (behaviour §2.9): every runner kills every run, in all chats;
 * the asking chat's queue is discarded, other chats go on with their next message.
 */
@Component
class StopAllCommand extends NamedCommand {

    private final StopCommand stop;
    private final Replies replies;
    private final Bus bus;
    private final Texts texts;
    private final OrchestratorMetrics metrics;
    private final CountingRuns runs;

    StopAllCommand(
            StopCommand stop, Replies replies, Bus bus, Texts texts, OrchestratorMetrics metrics, CountingRuns runs) {
        // in ductor's menu with the multi-agent commands, in /help with the daily ones
        super("stop_all", MenuEntry.Section.DAILY, MenuEntry.Popup.MULTI_AGENT);
        this.metrics = metrics;
        this.runs = runs;
        this.texts = texts;
        this.stop = stop;
        this.replies = replies;
        this.bus = bus;
    }

    @Override
    public boolean matches(InboundMessage message) {
        return AbortWords.isAbortAll(message.text());
    }

    @Override
    public void handle(InboundMessage message) {
        metrics.abort("all");
        stop.discardQueue(message.chat());
        int running = runs.acrossAgents();
        bus.control(new CancelAll("stop_all from " + message.chat().storageKey()), message.transportMessageId());
        replies.text(message.chat(), texts.stoppedAll(running), message.transportMessageId());
    }
}
