package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class MetricsCatalogueTest {

    private final MetricsCatalogue catalogue = MetricsCatalogue.parse("""
            | metric | type | labels | service | meaning |
            |---|---|---|---|---|
            | `ductor_wait_seconds` | timer | `transport` | orchestrator | a wait |
            | `ductor_calls_total` | counter | — | gateway | calls |
            | `ductor_answer_seconds` | timer (histogram) | — | orchestrator | an answer |
            | `ductor_rare_total` | counter | — | scheduler | something rare |
            | `up` | gauge | `job` | Prometheus | scraped |

            ## Not seen after a conversation

            | metric | why |
            |---|---|
            | `ductor_rare_total` | only on a rare event |
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
    void aCataloguedMetricNoServiceExposesIsMissingUnlessListedAsNotSeen() {
        assertThat(catalogue.notSeen()).containsOnlyKeys("ductor_rare_total");
        assertThat(catalogue.lists("ductor_rare_total")).isTrue();
        assertThat(catalogue.missingFrom(Set.of(
                        "ductor_wait_seconds_count",
                        "ductor_wait_seconds_sum",
                        "ductor_calls_total",
                        "ductor_answer_seconds_count",
                        "ductor_answer_seconds_bucket")))
                .isEmpty();
        assertThat(catalogue.missingFrom(Set.of("ductor_wait_seconds_count", "ductor_answer_seconds_count")))
                .containsExactly("ductor_answer_seconds_bucket", "ductor_calls_total");
    }

    @Test
    void aMetricListedAsNotSeenMustBeCatalogued() {
        var stale = MetricsCatalogue.parse("""
                | `ductor_calls_total` | counter | — | gateway | calls |

                ## Not seen after a conversation

                | `ductor_gone_total` | removed long ago |
                """);
        assertThat(stale.missingFrom(Set.of("ductor_calls_total")))
                .containsExactly("ductor_gone_total (listed as not seen, but not catalogued)");
    }

    @Test
    void theProjectCatalogueListsTheServicesAndTheOtherMetricsTheOperatorViewUses() {
        assertThat(MetricsCatalogue.read().names())
                .contains("ductor_turn_duration_seconds", "ductor_telegram_429_total", "up", "disk_free_bytes")
                .contains("jvm_memory_used_bytes", "rabbitmq_queue_messages_ready", "rabbitmq_queue_consumers")
                .doesNotContain("ductor_missing_total");
        assertThat(MetricsCatalogue.read().notSeen())
                .allSatisfy((name, why) -> assertThat(why).as(name).isNotBlank());
    }
}
