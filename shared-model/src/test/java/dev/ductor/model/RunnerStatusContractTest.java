package dev.ductor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RunnerStatusContractTest {

    @Test
    void aReportWithoutModelsFromAnOlderRunnerStillDecodes() {
        RunnerStatus old = ContractFixtures.read(RunnerStatus.class, "v1");

        assertThat(old.providers())
                .extracting(RunnerStatus.ProviderStatus::provider)
                .containsExactly("claude", "codex", "gemini");
        assertThat(old.providers()).allSatisfy(p -> assertThat(p.models()).isNull());
    }

    @Test
    void theModelsOfACliTravelWithTheirEfforts() {
        RunnerStatus status = ContractFixtures.read(RunnerStatus.class);

        var codex = status.providers().get(1);
        assertThat(codex.models()).singleElement().satisfies(m -> {
            assertThat(m.id()).isEqualTo("gpt-6.1-sol");
            assertThat(m.supportedEfforts()).containsExactly("low", "medium", "high", "xhigh");
            assertThat(m.isDefault()).isTrue();
        });
    }
}
