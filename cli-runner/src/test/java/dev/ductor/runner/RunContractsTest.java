package dev.ductor.runner;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.ContractFixtures;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.provider.claude.ClaudeProvider;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The runner as consumer and producer of the golden fixtures in shared-model. */
class RunContractsTest {

    @Test
    void theRunRequestFixtureBecomesAResumedClaudeCommand() {
        RunRequest request = ContractFixtures.read(RunRequest.class);

        assertThat(new ClaudeProvider().command(Path.of("claude"), request, Path.of("/tmp/run-1")))
                .containsExactly(
                        "claude",
                        "--verbose",
                        "-p",
                        "--output-format",
                        "stream-json",
                        "--include-partial-messages",
                        "--permission-mode",
                        "bypassPermissions",
                        "--model",
                        "opus",
                        "--resume",
                        "04f42236-9b6b-4e1a-b43d-b3728c0def06");
        assertThat(new ClaudeProvider().stdin(request)).isEqualTo("hi");
    }

    @Test
    void theShutdownFixtureHasTheShapeTheRunnerProduces() {
        var produced = new RunFinished(
                "run-7f3b",
                RunFinished.Outcome.SHUTDOWN,
                "",
                "04f42236-9b6b-4e1a-b43d-b3728c0def06",
                0,
                0,
                5210,
                143,
                "shutdown: the runner shut down during the turn");

        assertThat(ContractFixtures.treeOf(produced)).isEqualTo(ContractFixtures.tree(RunFinished.class, "shutdown"));
    }

    /** The fixture is the claude-hello sample's turn: 10 input + 5 output tokens, as the decoder test asserts. */
    @Test
    void theRunFinishedFixtureHasTheShapeTheRunnerProduces() {
        var produced = new RunFinished(
                "run-7f3a",
                RunFinished.Outcome.SUCCESS,
                "Hello from fake anthropic. You said: hello there",
                "04f42236-9b6b-4e1a-b43d-b3728c0def06",
                0.000175,
                15,
                266,
                0,
                null);

        assertThat(ContractFixtures.treeOf(produced)).isEqualTo(ContractFixtures.tree(RunFinished.class));
    }
}
