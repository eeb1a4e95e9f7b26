package dev.ductor.gateway.api.socket;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Traces;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.Transport;
import java.time.Clock;
import java.util.UUID;
import org.springframework.amqp.AmqpException;

/**
 * Publishes what a client says as the orchestrator's ordinary {@link InboundMessage} (behaviour §10): a
 * private conversation of transport {@code api} whose user is the chat, addressed, under a message id made
 * once for the frame ({@code api:<chat>:<id>}), so the orchestrator deduplicates a repeated publish. A
 * publish the broker does not confirm is tried again under the same id; if it still fails the client is
 * told ({@code unavailable}) and nothing was accepted.
 */
public final class ClientMessages {

    static final int TRIES = 3;

    private final Bus bus;
    private final String agent;
    private final Clock clock;

    public ClientMessages(Bus bus, String agent, Clock clock) {
        this.bus = bus;
        this.agent = agent;
        this.clock = clock;
    }

    /** A new transport message id for one client frame. */
    static String newId() {
        return "api-" + UUID.randomUUID();
    }

    /** Publishes {@code text} in {@code chat} as message {@code id}; throws when the broker refused it. */
    void publish(ChatRef chat, String text, String id) {
        InboundMessage message =
                new InboundMessage(chat, "private", chat.chatId(), "API", id, text, null, true, clock.instant());
        String messageId = chat.storageKey() + ":" + id;
        Traces.enter(Traces.newTraceparent());
        try {
            AmqpException last = null;
            for (int i = 0; i < TRIES; i++) {
                try {
                    bus.toOrchestrator(Transport.API.code(), agent, message, messageId, messageId);
                    return;
                } catch (AmqpException e) {
                    last = e;
                }
            }
            throw last;
        } finally {
            Traces.clear();
        }
    }
}
