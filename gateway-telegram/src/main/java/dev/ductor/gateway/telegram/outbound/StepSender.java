package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.TelegramPort;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one {@link Step} of a stream as a Bot API call, with Telegram's fallbacks: a chunk Telegram
 * refuses as HTML goes out as plain text (behaviour §3.12), and a text for a forum topic that is gone goes to
 * the chat without the topic instead of being lost.
 */
final class StepSender {

    private static final Logger log = LoggerFactory.getLogger(StepSender.class);

    private final TelegramPort telegram;

    StepSender(TelegramPort telegram) {
        this.telegram = telegram;
    }

    /** Reads only {@code s}'s address (chat, topic, reply), which never changes. */
    ApiResult send(StreamState s, Step step) {
        if (step.kind() == Step.Kind.DELETE) {
            return telegram.deleteMessage(s.chatId, step.messageId());
        }
        ApiResult formatted = call(s, step, TelegramHtml.render(step.text()), true);
        if (formatted.permanentFailure()
                && !formatted.notModified()
                && !formatted.messageGone()
                && !formatted.methodMissing()) {
            log.info("Telegram refused HTML for {} ({}); sending plain text", s.ref, formatted.description());
            return call(s, step, step.text(), false);
        }
        return formatted;
    }

    private ApiResult call(StreamState s, Step step, String text, boolean html) {
        if (step.kind() == Step.Kind.EDIT) {
            return telegram.editMessageText(s.chatId, step.messageId(), text, html, step.buttons());
        }
        if (step.kind() == Step.Kind.DRAFT) {
            return telegram.sendMessageDraft(s.chatId, s.threadId, Drafts.draftId(s.ref), text, html);
        }
        Integer replyTo = step.index() == 0 ? s.replyTo : null; // the first message answers the user's
        ApiResult sent = telegram.sendMessage(s.chatId, s.threadId, text, html, replyTo, step.buttons());
        if (s.threadId != null && sent.permanentFailure() && threadGone(sent)) {
            log.warn("Topic {} of chat {} is gone; {} goes to the chat without it", s.threadId, s.chatId, s.ref);
            return telegram.sendMessage(s.chatId, null, text, html, null, step.buttons());
        }
        return sent;
    }

    private static boolean threadGone(ApiResult result) {
        String description = String.valueOf(result.description()).toLowerCase(Locale.ROOT);
        return description.contains("message thread not found")
                || description.contains("topic_deleted")
                || description.contains("topic_closed");
    }
}
