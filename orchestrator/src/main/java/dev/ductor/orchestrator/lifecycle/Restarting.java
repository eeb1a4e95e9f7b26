package dev.ductor.orchestrator.lifecycle;

import dev.ductor.bus.Bus;
import dev.ductor.lifecycle.ServiceExit;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.RestartRequested;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * {@code /restart} (behaviour §2.20): leaves the sentinel, asks every other service to restart
 * ({@code RestartRequested} on the control fanout), says so, and, once the caller acknowledged the message,
 * exits with ductor's code 42 so the supervisor (docker restart policy, bin/run-local) starts the service
 * again; the next start answers "Restart completed." in the same chat.
 */
@Component
public class Restarting {

    private final RestartSentinel sentinel;
    private final Replies replies;
    private final ServiceExit exit;
    private final Bus bus;
    private final Texts texts;

    Restarting(RestartSentinel sentinel, Replies replies, ServiceExit exit, Texts texts, Bus bus) {
        this.bus = bus;
        this.texts = texts;
        this.sentinel = sentinel;
        this.replies = replies;
        this.exit = exit;
    }

    public void request(InboundMessage message) {
        sentinel.write(message.chat(), texts.t("startup.restart_default"));
        try {
            // The whole bot restarts, as in ductor: the gateways, runners and the scheduler hear it too.
            bus.control(
                    new RestartRequested("/restart from " + message.chat().storageKey()), message.transportMessageId());
        } catch (RuntimeException e) {
            LoggerFactory.getLogger(Restarting.class)
                    .warn("Could not ask the other services to restart; the orchestrator restarts alone", e);
        }
        replies.text(
                message.chat(),
                Texts.fmt(texts.t("startup.restart_header"), Texts.SEP, texts.t("startup.restart_body")),
                message.transportMessageId());
    }

    /** Called after the {@code /restart} message was settled, so it is not redelivered after the restart. */
    public void exit() {
        exit.exit(ServiceExit.RESTART);
    }
}
