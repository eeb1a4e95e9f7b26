package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.PengradTelegramPort;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class OutboxTest {

    private final VirtualTime time = new VirtualTime();
    private final Outbox outbox =
            new Outbox(Duration.ofMillis(20), Duration.ofMillis(100), new SimpleMeterRegistry(), time, time);

    @AfterEach
    void stop() {
        outbox.close();
    }

    @Test
    void pacesOneChatWithinTelegramLimitsAndKeepsOrder() {
        try (FakeTelegram fake =
                FakeTelegram.start("1:pace").enforceRateLimits(true).clock(time)) {
            var port = new PengradTelegramPort(
                    fake.baseUrl(), "1:pace", 1, new TelegramMetrics(new SimpleMeterRegistry()));
            List<CompletableFuture<ApiResult>> sent = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                String text = "m" + i;
                sent.add(outbox.submit(7, true, 0, () -> port.sendMessage(7, null, text, false, null, List.of()))
                        .future());
            }
            time.join(CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)));
            assertThat(sent).allMatch(f -> f.join().ok());
            assertThat(fake.visible(7)).extracting(BotMessage::text).containsExactly("m0", "m1", "m2", "m3", "m4");
            assertThat(fake.rateLimited429Count()).isZero();
        }
    }

    @Test
    void aCallThatKeepsFailingWithAServerErrorIsGivenUpAndItsChatMovesOn() {
        AtomicInteger calls = new AtomicInteger();
        ApiResult stuck = time.join(outbox.submit(5, false, 0, () -> {
                    calls.incrementAndGet();
                    return new ApiResult("sendDocument", false, 500, "Internal Server Error", null, null);
                })
                .future());
        ApiResult next = time.join(outbox.submit(5, false, 0, () -> ApiResult.success("sendMessage", 2))
                .future());

        assertThat(stuck.ok()).isFalse();
        assertThat(calls).hasValue(Outbox.MAX_TRANSIENT_ATTEMPTS);
        assertThat(next.ok()).isTrue();
    }

    @Test
    void anUploadIsRetriedWithoutALimitWhileTelegramIsUnreachable() {
        // issue 10 item 8: an outage longer than MAX_TRANSIENT_ATTEMPTS tries loses no file
        int outage = Outbox.MAX_TRANSIENT_ATTEMPTS * 3;
        for (String method : List.of("sendDocument", "sendPhoto")) {
            AtomicInteger calls = new AtomicInteger();
            ApiResult result = time.join(outbox.submit(
                            6,
                            true,
                            0,
                            () -> calls.incrementAndGet() <= outage
                                    ? (calls.get() % 2 == 0
                                            ? ApiResult.unreachable(method, "connection refused")
                                            : new ApiResult(method, false, 502, "Bad Gateway", null, null))
                                    : ApiResult.success(method, 3))
                    .future());

            assertThat(result.ok()).as(method).isTrue();
            assertThat(calls).as(method).hasValue(outage + 1);
        }
    }

    @Test
    void anUploadWhoseFileWentAwayIsRejectedNotRetried(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        AtomicInteger calls = new AtomicInteger();
        ApiResult result =
                time.join(outbox.submit(6, true, 0, Outbox.upload("sendDocument", dir.resolve("gone.txt"), () -> {
                            calls.incrementAndGet();
                            return ApiResult.success("sendDocument", 1);
                        }))
                        .future());

        assertThat(result.permanentFailure()).isTrue();
        assertThat(calls).hasValue(0);
    }

    @Test
    void retriesAfterRetryAfterAndAfterTransientFailures() {
        AtomicInteger calls = new AtomicInteger();
        ApiResult result = time.join(outbox.submit(9, false, 0, () -> switch (calls.incrementAndGet()) {
                    case 1 -> new ApiResult("sendMessage", false, 429, "Too Many Requests: retry after 1", 1, null);
                    case 2 -> ApiResult.unreachable("sendMessage", "connection reset");
                    case 3 -> new ApiResult("sendMessage", false, 502, "Bad Gateway", null, null);
                    default -> ApiResult.success("sendMessage", 1);
                })
                .future());
        assertThat(result.ok()).isTrue();
        assertThat(calls).hasValue(4);
        assertThat(time.elapsed()).isGreaterThanOrEqualTo(Duration.ofSeconds(1)); // the retry_after
    }

    @Test
    void permanentFailuresCompleteWithoutRetry() {
        AtomicInteger calls = new AtomicInteger();
        ApiResult result = time.join(outbox.submit(9, false, 0, () -> {
                    calls.incrementAndGet();
                    return new ApiResult("sendMessage", false, 400, "Bad Request: chat not found", null, null);
                })
                .future());
        assertThat(result.permanentFailure()).isTrue();
        assertThat(calls).hasValue(1);
    }

    @Test
    void aSlowLaneDoesNotBlockOtherChats() {
        outbox.submit(1, false, time.millis() + 60_000, () -> ApiResult.success("x", null));
        ApiResult other = time.join(
                outbox.submit(2, false, 0, () -> ApiResult.success("y", null)).future());
        assertThat(other.method()).isEqualTo("y");
        assertThat(outbox.depth()).isEqualTo(1);
    }
}
