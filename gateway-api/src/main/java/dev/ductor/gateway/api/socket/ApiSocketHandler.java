package dev.ductor.gateway.api.socket;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.gateway.api.ApiMetrics;
import dev.ductor.gateway.api.ApiToken;
import dev.ductor.gateway.api.crypto.Box;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Transport;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.web.socket.BinaryMessage;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PongMessage;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ductor's {@code /ws} protocol (behaviour §10). The first frame, in plain text within 10 s ({@code ductor.api.auth-timeout}),
 * is {@code {"type":"auth","token","e2e_pk","chat_id"?,"channel_id"?}}; a wrong token, a missing or bad key,
 * another frame or silence is answered with an {@code error} frame and the socket is closed. After {@code
 * auth_ok} (the last plain frame, carrying this side's key) every frame both ways is a {@link Box} frame:
 * {@code message} is published to the orchestrator, {@code abort} (or the text {@code /stop}) publishes a
 * {@code /stop} and is answered {@code abort_ok}. A client that goes away while its chat has a turn running
 * stops that turn, as in ductor, unless another client of the chat is still connected; so does one that no
 * longer answers the {@link Heartbeat}'s pings.
 */
public final class ApiSocketHandler extends TextWebSocketHandler {

    private static final String CLIENT = "ductor.api.client";
    private static final String HEARTBEAT = "ductor.api.heartbeat";
    private static final Logger log = LoggerFactory.getLogger(ApiSocketHandler.class);

    private final ApiToken token;
    private final ConfigStore config;
    private final String agent;
    private final Mailbox mailbox;
    private final OfferedProviders providers;
    private final Connections connections;
    private final ChatTurns turns;
    private final ClientMessages messages;
    private final ScheduledExecutorService timer;
    private final ApiMetrics metrics;
    private final Duration authTimeout;
    private final Duration heartbeat;

    public ApiSocketHandler(
            ApiToken token,
            ConfigStore config,
            String agent,
            Mailbox mailbox,
            OfferedProviders providers,
            Connections connections,
            ChatTurns turns,
            ClientMessages messages,
            ScheduledExecutorService timer,
            ApiMetrics metrics,
            Duration authTimeout,
            Duration heartbeat) {
        this.token = token;
        this.config = config;
        this.agent = agent;
        this.mailbox = mailbox;
        this.providers = providers;
        this.connections = connections;
        this.turns = turns;
        this.messages = messages;
        this.timer = timer;
        this.metrics = metrics;
        this.authTimeout = authTimeout;
        this.heartbeat = heartbeat;
    }

    @Override
    public void afterConnectionEstablished(WebSocketSession session) {
        session.getAttributes().put(HEARTBEAT, Heartbeat.start(session, heartbeat, timer));
        timer.schedule(
                () -> {
                    if (session.isOpen() && client(session) == null) {
                        metrics.auth("auth_timeout");
                        reject(session, "auth_timeout", "No auth message within 10 s");
                    }
                },
                authTimeout.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    @Override
    protected void handleTextMessage(WebSocketSession session, TextMessage message) {
        heartbeat(session).heard();
        Client client = client(session);
        if (client == null) {
            authenticate(session, message.getPayload());
        } else {
            route(client, message.getPayload());
        }
    }

    @Override
    protected void handleBinaryMessage(WebSocketSession session, BinaryMessage message) {
        heartbeat(session).heard();
        if (client(session) == null) {
            metrics.auth("auth_required");
            reject(session, "auth_required", "First message must be JSON text");
        }
    }

    @Override
    protected void handlePongMessage(WebSocketSession session, PongMessage message) {
        heartbeat(session).heard();
    }

    @Override
    public void afterConnectionClosed(WebSocketSession session, CloseStatus status) {
        heartbeat(session).stop();
        Client client = client(session);
        if (client == null) {
            return;
        }
        session.getAttributes().remove(CLIENT);
        if (connections.remove(client) && turns.running(client.chat()) > 0) {
            log.info("API client gone while its chat's turn runs: stopping the turn");
            abort(client.chat());
        }
    }

    private void authenticate(WebSocketSession session, String text) {
        JsonNode auth = Frames.object(text);
        if (auth == null || !"auth".equals(auth.path("type").asString(""))) {
            metrics.auth("auth_required");
            reject(session, "auth_required", "First message must be auth JSON");
            return;
        }
        JsonNode presented = auth.get("token");
        if (!token.matches(presented != null && presented.isString() ? presented.asString() : null)) {
            log.warn("API auth failed (invalid token)");
            metrics.auth("auth_failed");
            reject(session, "auth_failed", "Invalid token");
            return;
        }
        Box box;
        try {
            JsonNode key = auth.get("e2e_pk");
            if (key == null || !key.isString() || key.asString().isBlank()) {
                throw new IllegalArgumentException("no key");
            }
            box = new Box(key.asString());
        } catch (IllegalArgumentException e) {
            metrics.auth("auth_failed");
            reject(session, "auth_failed", "e2e_pk required or invalid");
            return;
        }
        long chatId = positive(auth.get("chat_id"));
        long channelId = positive(auth.get("channel_id"));
        ChatRef chat = new ChatRef(
                Transport.API.code(),
                agent,
                chatId > 0 ? chatId : token.defaultChatId(),
                channelId > 0 ? channelId : null);
        Client client = new Client(session, box, chat);
        ObjectNode ok = Frames.event("auth_ok").put("chat_id", chat.chatId());
        if (chat.topicId() != null) {
            ok.put("channel_id", chat.topicId());
        }
        DuctorConfig current = config.current();
        ok.put("e2e_pk", box.publicKey());
        providers.write(ok.putArray("providers"), current);
        ok.put("active_provider", current.provider()).put("active_model", current.model());
        try {
            synchronized (session) {
                session.sendMessage(new TextMessage(ok.toString()));
            }
        } catch (IOException e) {
            return;
        }
        metrics.auth("ok");
        session.getAttributes().put(CLIENT, client);
        mailbox.connect(client);
    }

    private void route(Client client, String frame) {
        JsonNode data;
        try {
            data = Frames.object(client.open(frame));
        } catch (IllegalArgumentException e) {
            data = null;
        }
        if (data == null) {
            log.warn("API frame failed to decrypt");
            metrics.frame("decrypt_failed");
            client.send(Frames.error("decrypt_failed", "Decryption failed"));
            return;
        }
        String type = data.path("type").asString("");
        switch (type) {
            case "message" -> {
                String text = data.path("text").asString("").strip();
                if (text.isEmpty()) {
                    metrics.frame("empty");
                    client.send(Frames.error("empty", "Empty message"));
                } else if (text.equalsIgnoreCase("/stop")) {
                    abortAndAnswer(client);
                } else {
                    metrics.frame("message");
                    publish(client, text);
                }
            }
            case "abort" -> abortAndAnswer(client);
            default -> {
                metrics.frame("unknown_type");
                client.send(Frames.error("unknown_type", "Unknown message type: " + type));
            }
        }
    }

    private void publish(Client client, String text) {
        try {
            messages.publish(client.chat(), text, ClientMessages.newId());
        } catch (AmqpException e) {
            log.error("Publishing an API message failed: {}", e.getMessage());
            client.send(Frames.error("unavailable", "The message was not accepted; send it again"));
        }
    }

    private void abortAndAnswer(Client client) {
        metrics.frame("abort");
        int killed = turns.running(client.chat());
        if (abort(client.chat())) {
            client.send(Frames.json(Map.of("type", "abort_ok", "killed", killed)));
        } else {
            client.send(Frames.error("unavailable", "The abort was not accepted; send it again"));
        }
    }

    /** Publishes {@code /stop} for the chat (behaviour §2.7); its answer is not shown, abort_ok says it. */
    private boolean abort(ChatRef chat) {
        try {
            String id = ClientMessages.newId();
            turns.abortSent(id);
            messages.publish(chat, "/stop", id);
            return true;
        } catch (AmqpException e) {
            log.error("Publishing an API abort failed: {}", e.getMessage());
            return false;
        }
    }

    private static long positive(@Nullable JsonNode value) {
        return value != null && value.isIntegralNumber() && value.asLong() > 0 ? value.asLong() : 0;
    }

    private static Heartbeat heartbeat(WebSocketSession session) {
        return (Heartbeat) session.getAttributes().get(HEARTBEAT);
    }

    private static @Nullable Client client(WebSocketSession session) {
        return (Client) session.getAttributes().get(CLIENT);
    }

    private static void reject(WebSocketSession session, String code, String message) {
        try {
            synchronized (session) {
                session.sendMessage(new TextMessage(Frames.error(code, message)));
            }
            session.close(CloseStatus.POLICY_VIOLATION);
        } catch (IOException | IllegalStateException ignored) {
            // the client is gone already
        }
    }
}
