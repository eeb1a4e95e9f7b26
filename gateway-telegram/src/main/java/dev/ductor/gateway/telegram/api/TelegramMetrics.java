package dev.ductor.gateway.telegram.api;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;

/** The gateway's counters: Bot API calls by method and result, 429s, updates by kind and outcome. */
public final class TelegramMetrics {

    private final MeterRegistry registry;
    private final Counter rateLimited;
    private final DistributionSummary retryAfter;

    public TelegramMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.rateLimited = Counter.builder("ductor_telegram_429")
                .description("Bot API answers 429 Too Many Requests")
                .register(registry);
        this.retryAfter = DistributionSummary.builder("ductor_telegram_429_retry_after")
                .description("retry_after of the 429 answers")
                .baseUnit("seconds")
                .register(registry);
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void apiCall(ApiResult result) {
        Counter.builder("ductor_telegram_api_calls")
                .description("Bot API calls by method and result")
                .tag("method", result.method())
                .tag("result", result.outcome())
                .register(registry)
                .increment();
        if (result.rateLimited()) {
            rateLimited.increment();
            retryAfter.record(result.retryAfter() == null ? 0 : result.retryAfter());
        }
    }

    public void update(String kind, String outcome) {
        Counter.builder("ductor_telegram_updates")
                .description("Telegram updates by kind and outcome")
                .tag("kind", kind)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }

    public void outbound(String type, String outcome) {
        Counter.builder("ductor_telegram_outbound")
                .description("Outbound bus commands by contract and outcome")
                .tag("type", type)
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
