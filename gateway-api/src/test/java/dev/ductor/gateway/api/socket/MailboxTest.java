package dev.ductor.gateway.api.socket;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.api.crypto.Box;
import dev.ductor.model.ChatRef;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.web.socket.WebSocketMessage;
import org.springframework.web.socket.WebSocketSession;

/** Behaviour §10: answers reach each chat's clients, or wait in the mailbox; one stalled client holds up no other chat. */
class MailboxTest {

    private static final String CLIENT_KEY = "B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9/AsrhtHHw=";

    @TempDir
    Path state;

    private final ChatRef stalledChat = new ChatRef("api", "main", 7, null);
    private final ChatRef otherChat = new ChatRef("api", "main", 8, null);
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aClientThatStopsReadingDelaysNoOtherChatsDeliveries() throws Exception {
        Connections connections = new Connections();
        Mailbox mailbox = new Mailbox(state, connections);
        CountDownLatch reading = new CountDownLatch(1);
        Session stalled = new Session(reading);
        Session other = new Session(new CountDownLatch(0));
        mailbox.connect(new Client(stalled.proxy(), new Box(CLIENT_KEY), stalledChat));
        mailbox.connect(new Client(other.proxy(), new Box(CLIENT_KEY), otherChat));

        // the stalled client's send blocks, as a full socket buffer blocks it, while its chat's lock is held
        CompletableFuture<String> toStalled = CompletableFuture.supplyAsync(
                () -> mailbox.deliver(stalledChat, "{\"type\":\"result\"}", true), threads);
        assertThat(stalled.entered.await(5, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<String> toOther =
                CompletableFuture.supplyAsync(() -> mailbox.deliver(otherChat, "{\"type\":\"result\"}", true), threads);
        assertThat(toOther.get(2, TimeUnit.SECONDS))
                .as("the other chat's answer is not held up by the stalled client")
                .isEqualTo("delivered");
        assertThat(other.sent).hasSize(1);
        assertThat(toStalled).isNotDone();

        assertThat(mailbox.lockedChats())
                .as("the stalled chat's lock, while its delivery waits")
                .isEqualTo(1);

        reading.countDown();
        assertThat(toStalled.get(5, TimeUnit.SECONDS)).isEqualTo("delivered");
        assertThat(stalled.sent).hasSize(1);
        assertThat(mailbox.lockedChats())
                .as("no lock is kept for a chat with nothing under way")
                .isZero();
    }

    @Test
    void anAnswerForAChatWithoutAClientWaitsForTheNextOneAndSurvivesARestart() throws Exception {
        assertThat(new Mailbox(state, new Connections()).deliver(stalledChat, "{\"n\":1}", true))
                .isEqualTo("kept");
        assertThat(new Mailbox(state, new Connections()).deliver(otherChat, "{\"n\":2}", false))
                .isEqualTo("dropped");

        Mailbox restarted = new Mailbox(state, new Connections());
        Session session = new Session(new CountDownLatch(0));
        restarted.connect(new Client(session.proxy(), new Box(CLIENT_KEY), stalledChat));

        assertThat(session.sent).hasSize(1);
        assertThat(restarted.lockedChats()).isZero();
        Session later = new Session(new CountDownLatch(0));
        new Mailbox(state, new Connections()).connect(new Client(later.proxy(), new Box(CLIENT_KEY), stalledChat));
        assertThat(later.sent).as("handed over once, then removed").isEmpty();
    }

    /** An open WebSocket session whose sends wait for {@code reading}; what it sent is recorded. */
    private static final class Session {

        final CountDownLatch entered = new CountDownLatch(1);
        final List<WebSocketMessage<?>> sent = new CopyOnWriteArrayList<>();
        private final CountDownLatch reading;

        Session(CountDownLatch reading) {
            this.reading = reading;
        }

        WebSocketSession proxy() {
            return (WebSocketSession) Proxy.newProxyInstance(
                    getClass().getClassLoader(), new Class<?>[] {WebSocketSession.class}, (self, method, args) -> {
                        return switch (method.getName()) {
                            case "isOpen" -> true;
                            case "sendMessage" -> {
                                entered.countDown();
                                reading.await();
                                sent.add((WebSocketMessage<?>) args[0]);
                                yield null;
                            }
                            case "hashCode" -> System.identityHashCode(self);
                            case "equals" -> self == args[0];
                            case "toString" -> "session";
                            default -> null;
                        };
                    });
        }
    }
}
