package dev.ductor.gateway.telegram.outbound;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Streaming figures: edits per streamed answer and how long text waits at the gateway before it is visible. */
final class StreamMetrics {

    private final DistributionSummary edits;
    private final Timer visible;

    StreamMetrics(MeterRegistry registry) {
        this.edits = DistributionSummary.builder("ductor_telegram_stream_edits")
                .description("editMessageText calls per streamed answer")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
        this.visible = Timer.builder("ductor_telegram_stream_visible")
                .description("Time from text arriving at the gateway to it being visible in Telegram")
                .publishPercentiles(0.5, 0.95)
                .register(registry);
    }

    void streamClosed(int editCount) {
        edits.record(editCount);
    }

    void visibleAfter(long millis) {
        visible.record(Duration.ofMillis(Math.max(0, millis)));
    }
}
