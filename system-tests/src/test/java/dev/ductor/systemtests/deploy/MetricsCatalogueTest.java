package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsCatalogueTest {

    private final MetricsCatalogue catalogue = MetricsCatalogue.parse("""
            | metric | type | labels | service | meaning |
            |---|---|---|---|---|
            | `ductor_wait_seconds` | timer | `transport` | orchestrator | a wait |
            | `ductor_calls_total` | counter | — | gateway | calls |
            | `ductor_answer_seconds` | timer (histogram) | — | orchestrator | an answer |
            """);

    @Test
    void readsTimersThroughTheirCountSumAndMaxButNotBuckets() {
        assertThat(catalogue.lists("ductor_wait_seconds_count")).isTrue();
        assertThat(catalogue.lists("ductor_wait_seconds_max")).isTrue();
        assertThat(catalogue.lists("ductor_wait_seconds_bucket")).isFalse();
    }

    @Test
    void readsHistogramsThroughTheirBucketsToo() {
        assertThat(catalogue.lists("ductor_answer_seconds_bucket")).isTrue();
        assertThat(catalogue.lists("ductor_answer_seconds_count")).isTrue();
        assertThat(catalogue.histograms()).containsExactly("ductor_answer_seconds");
        assertThat(catalogue.lists("ductor_calls_total_bucket")).isFalse();
    }

    @Test
    void readsCountersOnlyByTheirName() {
        assertThat(catalogue.lists("ductor_calls_total")).isTrue();
        assertThat(catalogue.lists("ductor_calls_total_count")).isFalse();
        assertThat(catalogue.unlistedIn("rate(ductor_calls_total[5m]) / rate(ductor_other_total[5m])"))
                .containsExactly("ductor_other_total");
    }

    @Test
    void theProjectCatalogueListsTheServicesAndTheOtherMetricsTheOperatorViewUses() {
        assertThat(MetricsCatalogue.read().names())
                .contains("ductor_turn_duration_seconds", "ductor_telegram_429_total", "up", "disk_free_bytes")
                .contains("jvm_memory_used_bytes", "rabbitmq_queue_messages_ready", "rabbitmq_queue_consumers");
    }
}
