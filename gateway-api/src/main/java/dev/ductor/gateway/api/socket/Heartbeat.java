package dev.ductor.gateway.api.socket;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.PingMessage;
import org.springframework.web.socket.WebSocketSession;

/**
 * The keep-alive of one {@code /ws} connection, as ductor's server has it (behaviour §10): a ping frame every
 * {@code interval}; a client that has sent nothing, not even the pong, within half the interval after a ping
 * is taken for gone and its socket is closed — which, like any client going away, stops its chat's turn
 * when it was the chat's last client.
 */
final class Heartbeat {

    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final WebSocketSession session;
    private final Duration interval;
    private final AtomicLong lastHeard;
    private final ScheduledFuture<?> pings;

    private Heartbeat(WebSocketSession session, Duration interval, ScheduledExecutorService timer) {
        this.session = session;
        this.interval = interval;
        this.lastHeard = new AtomicLong(System.nanoTime());
        this.pings = timer.scheduleAtFixedRate(
                () -> ping(timer), interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts pinging {@code session} every {@code interval}; {@link #stop()} ends it. */
    static Heartbeat start(WebSocketSession session, Duration interval, ScheduledExecutorService timer) {
        return new Heartbeat(session, interval, timer);
    }

    /** The client said something (a pong, a frame): it is alive. */
    void heard() {
        lastHeard.set(System.nanoTime());
    }

    void stop() {
        pings.cancel(false);
    }

    private void ping(ScheduledExecutorService timer) {
        if (!session.isOpen()) {
            stop();
            return;
        }
        long sent = System.nanoTime();
        // on a thread of its own: a client that stopped reading may block the send, never the shared timer
        Thread.ofVirtual().name("api-ping").start(() -> {
            try {
                synchronized (session) {
                    session.sendMessage(new PingMessage(ByteBuffer.allocate(0)));
                }
            } catch (IOException | IllegalStateException e) {
                closeUnanswered();
            }
        });
        timer.schedule(
                () -> {
                    if (lastHeard.get() - sent < 0) {
                        closeUnanswered();
                    }
                },
                interval.toMillis() / 2,
                TimeUnit.MILLISECONDS);
    }

    private void closeUnanswered() {
        stop();
        if (!session.isOpen()) {
            return;
        }
        log.info("An API client did not answer the ping within {} ms: closing its socket", interval.toMillis() / 2);
        try {
            session.close(CloseStatus.SESSION_NOT_RELIABLE.withReason("No PONG received"));
        } catch (IOException | IllegalStateException ignored) {
            // gone already
        }
    }
}
