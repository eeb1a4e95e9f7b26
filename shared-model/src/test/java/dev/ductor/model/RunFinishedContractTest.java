package dev.ductor.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.bus.ContractJson;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;

class RunFinishedContractTest {

    @Test
    void theShutdownFixtureRoundTrips() {
        RunFinished shutdown = ContractFixtures.read(RunFinished.class, "shutdown");

        assertThat(shutdown.outcome()).isEqualTo(RunFinished.Outcome.SHUTDOWN);
        assertThat(ContractFixtures.treeOf(shutdown)).isEqualTo(ContractFixtures.tree(RunFinished.class, "shutdown"));
    }

    @Test
    void anOutcomeFromANewerRunnerReadsAsAnError() {
        ObjectNode newer = (ObjectNode) ContractFixtures.tree(RunFinished.class);
        newer.put("outcome", "OUTCOME_FROM_SCHEMA_TWO");

        RunFinished decoded = ContractJson.mapper().treeToValue(newer, RunFinished.class);

        assertThat(decoded.outcome()).isEqualTo(RunFinished.Outcome.ERROR);
    }
}
