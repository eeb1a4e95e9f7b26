package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlTest {

    @Test
    void keepsMetricNamesAndDropsFunctionsGroupingsMatchersAndRanges() {
        assertThat(PromQl.metricNames(
                        "sum by (outcome) (rate(ductor_turns_total{outcome=\"ok\",queue=~\".+\\\\.dlq\"}[5m]))"))
                .containsExactly("ductor_turns_total");
    }

    @Test
    void findsEveryOperandOfBinaryExpressions() {
        assertThat(PromQl.metricNames(
                        "a_sum / on (instance) group_left b_count offset 5m > 1e9 or vector(0) and bool up"))
                .containsExactly("a_sum", "b_count", "up");
    }

    @Test
    void dropsGrafanaVariablesAndNumbers() {
        assertThat(PromQl.metricNames(
                        "histogram_quantile(0.95, sum(rate(x_seconds_count[$__rate_interval]))) * 100 - ${scale}"))
                .containsExactly("x_seconds_count");
    }
}
