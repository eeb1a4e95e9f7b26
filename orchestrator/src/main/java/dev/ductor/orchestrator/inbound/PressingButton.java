package dev.ductor.orchestrator.inbound;

import dev.ductor.model.ButtonPressed;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.ChoosingModel;
import dev.ductor.orchestrator.reply.Replies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A press on one of our buttons (spec §3.16), authorised like a message: {@code mq:<id>} cancels that
 * queued message (it is settled and never runs), {@code ms:*} drives the model wizard. Every press is
 * answered, so the client stops its spinner.
 */
@Component
class PressingButton {

    private static final Logger log = LoggerFactory.getLogger(PressingButton.class);

    private final Authorizer authorizer;
    private final Conversations conversations;
    private final QueueIndicators indicators;
    private final TurnJournal journal;
    private final ChoosingModel choosingModel;
    private final Replies replies;
    private final OrchestratorMetrics metrics;

    PressingButton(
            Authorizer authorizer,
            Conversations conversations,
            QueueIndicators indicators,
            TurnJournal journal,
            ChoosingModel choosingModel,
            Replies replies,
            OrchestratorMetrics metrics) {
        this.authorizer = authorizer;
        this.conversations = conversations;
        this.indicators = indicators;
        this.journal = journal;
        this.choosingModel = choosingModel;
        this.replies = replies;
        this.metrics = metrics;
    }

    void press(ButtonPressed press) {
        var chat = press.chat();
        if (!authorizer.allows(press)) {
            log.info("Button press by user {} in {} not allowed; dropped", press.userId(), chat.storageKey());
            metrics.inbound(chat.transport(), "unauthorized");
            return;
        }
        String data = press.data();
        if (data.startsWith(QueueIndicators.CALLBACK_PREFIX)) {
            String messageId = data.substring(QueueIndicators.CALLBACK_PREFIX.length());
            var cancelled = conversations.cancel(chat, messageId);
            cancelled.ifPresent(pending -> {
                journal.markSeen(pending.key());
                pending.acker().ack();
                indicators.cancelled(pending);
                metrics.abort("queued");
            });
            replies.answerButton(chat, press.callbackId(), null);
        } else if (data.startsWith(ChoosingModel.CALLBACK_PREFIX)) {
            replies.answerButton(chat, press.callbackId(), null);
            choosingModel.press(press);
        } else {
            log.info("Button {} in {} has no handler yet", data, chat.storageKey());
            replies.answerButton(chat, press.callbackId(), null);
        }
    }
}
