package dev.ductor.gateway.api.socket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ChatLocksTest {

    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aChatsWorkWaitsForTheWorkUnderWayThereAndItsLockGoesWithTheLastOfThem() throws Exception {
        ChatLocks locks = new ChatLocks();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean firstDone = new AtomicBoolean();

        CompletableFuture<String> first = CompletableFuture.supplyAsync(
                () -> locks.under("7", () -> {
                    entered.countDown();
                    waitFor(release);
                    firstDone.set(true);
                    return "first";
                }),
                threads);
        assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
        CompletableFuture<Boolean> second =
                CompletableFuture.supplyAsync(() -> locks.under("7", firstDone::get), threads);
        assertThat(locks.under("8", () -> "other chat")).isEqualTo("other chat");

        await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(2)).until(() -> !second.isDone());
        assertThat(locks.size()).isEqualTo(1);
        release.countDown();

        assertThat(first.get(5, TimeUnit.SECONDS)).isEqualTo("first");
        assertThat(second.get(5, TimeUnit.SECONDS))
                .as("ran after the first, under the same lock")
                .isTrue();
        assertThat(locks.size()).isZero();
    }

    private static void waitFor(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
