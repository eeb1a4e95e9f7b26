package dev.ductor.orchestrator.inbound;

import dev.ductor.model.ButtonData;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.QueueIndicators;
import dev.ductor.orchestrator.cron.CronSelector;
import dev.ductor.orchestrator.files.BrowsingFiles;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.ChoosingModel;
import dev.ductor.orchestrator.named.SessionsSelector;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.status.ShowingWelcome;
import dev.ductor.orchestrator.task.TasksSelector;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * A press on one of our buttons (behaviour §3.16), authorised like a message: {@code mq:<id>} cancels that
 * queued message (it is settled and never runs), {@code ms:*} drives the model wizard, {@code crn:*} the
 * cron selector, {@code nsc:*} the named sessions selector, {@code tsc:*} the tasks selector, and any other
 * button is one of the agent's answer buttons (behaviour §3.13) whose label becomes the chat's next prompt.
 * Every press is answered, so the client stops its spinner.
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
    private final CronSelector cron;
    private final ShowingWelcome welcome;
    private final SessionsSelector namedSessions;
    private final BrowsingFiles files;
    private final TasksSelector tasks;

    PressingButton(
            Authorizer authorizer,
            Conversations conversations,
            QueueIndicators indicators,
            TurnJournal journal,
            ChoosingModel choosingModel,
            Replies replies,
            OrchestratorMetrics metrics,
            CronSelector cron,
            ShowingWelcome welcome,
            SessionsSelector namedSessions,
            BrowsingFiles files,
            TasksSelector tasks) {
        this.tasks = tasks;
        this.namedSessions = namedSessions;
        this.files = files;
        this.welcome = welcome;
        this.cron = cron;
        this.authorizer = authorizer;
        this.conversations = conversations;
        this.indicators = indicators;
        this.journal = journal;
        this.choosingModel = choosingModel;
        this.replies = replies;
        this.metrics = metrics;
    }

    /**
     * Handles the press; for a button of the agent's answer, returns the message its label makes (the
     * caller queues it as the chat's next turn).
     */
    Optional<InboundMessage> press(ButtonPressed press) {
        var chat = press.chat();
        if (!authorizer.allows(press)) {
            log.info("Button press by user {} in {} not allowed; dropped", press.userId(), chat.storageKey());
            metrics.inbound(chat.transport(), "unauthorized");
            return Optional.empty();
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
            replies.acknowledge(chat, press.callbackId(), null);
        } else if (data.startsWith(ChoosingModel.CALLBACK_PREFIX)) {
            replies.acknowledge(chat, press.callbackId(), null);
            choosingModel.press(press);
        } else if (data.startsWith(CronSelector.CALLBACK_PREFIX)) {
            replies.acknowledge(chat, press.callbackId(), cron.press(press));
        } else if (data.startsWith(SessionsSelector.CALLBACK_PREFIX)) {
            replies.acknowledge(chat, press.callbackId(), namedSessions.press(press));
        } else if (data.startsWith(TasksSelector.CALLBACK_PREFIX)) {
            replies.acknowledge(chat, press.callbackId(), tasks.press(press));
        } else if (data.startsWith(BrowsingFiles.NAVIGATE) || data.startsWith(BrowsingFiles.ASK_AGENT)) {
            // the file browser (behaviour §2.17): navigation edits it; "send me a file" is the user's turn
            replies.acknowledge(chat, press.callbackId(), null);
            return files.press(press).map(prompt -> answer(press, prompt));
        } else if (data.startsWith(ButtonData.WELCOME)) {
            // the welcome's quick-start buttons (behaviour §2.2): a canned prompt as the user's turn
            replies.acknowledge(chat, press.callbackId(), null);
            return welcome.prompt(data).map(prompt -> answer(press, prompt));
        } else if (!ButtonData.isAnswer(data)) {
            // ductor's selectors this bot does not offer: answered, nothing else.
            log.info("Button {} in {} belongs to a selector this bot does not have", data, chat.storageKey());
            replies.acknowledge(chat, press.callbackId(), null);
        } else if (!data.isBlank()) {
            replies.acknowledge(chat, press.callbackId(), null);
            return Optional.of(answer(press, data));
        } else {
            replies.acknowledge(chat, press.callbackId(), null);
        }
        return Optional.empty();
    }

    /** The user's turn a button press makes; one per message the keyboard belongs to (a double tap runs once). */
    private static InboundMessage answer(ButtonPressed press, String prompt) {
        return new InboundMessage(
                press.chat(),
                press.chatType(),
                press.userId(),
                "",
                "btn:" + press.transportMessageId(),
                prompt,
                null,
                true,
                Instant.now(),
                press.nativeChatId(),
                press.nativeUserId());
    }
}
