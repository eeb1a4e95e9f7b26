package dev.ductor.orchestrator.lifecycle;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import org.springframework.stereotype.Component;

/**
 * {@code /restart} (spec §2.20): leaves the sentinel, says so, and, once the caller acknowledged the
 * message, exits with ductor's code 42 so the supervisor (docker restart policy, systemd) starts the
 * service again; the next start answers "Restart completed." in the same chat.
 */
@Component
public class Restarting {

    static final int EXIT_CODE = 42;
    private final RestartSentinel sentinel;
    private final Replies replies;
    private final ProcessExit exit;
    private final Texts texts;

    Restarting(RestartSentinel sentinel, Replies replies, ProcessExit exit, Texts texts) {
        this.texts = texts;
        this.sentinel = sentinel;
        this.replies = replies;
        this.exit = exit;
    }

    public void request(InboundMessage message) {
        sentinel.write(message.chat(), texts.t("startup.restart_default"));
        replies.text(
                message.chat(),
                Texts.fmt(texts.t("startup.restart_header"), Texts.SEP, texts.t("startup.restart_body")),
                message.transportMessageId());
    }

    /** Called after the {@code /restart} message was settled, so it is not redelivered after the restart. */
    public void exit() {
        exit.exit(EXIT_CODE);
    }
}
