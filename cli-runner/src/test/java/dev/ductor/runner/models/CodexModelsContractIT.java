package dev.ductor.runner.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.testkit.cli.InstalledClis;
import dev.ductor.testkit.modelapi.FakeModelApi;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Behaviour §4.3 with the real {@code codex} (0.169.0): its {@code app-server} answers {@code model/list} with
 * models that have efforts and one default, pointed at the fake model API (HOME and CODEX_HOME in a temp
 * dir, so nothing of the host's login is used), and every process it started is gone afterwards. Skipped,
 * with a message, when codex is not installed.
 */
class CodexModelsContractIT {

    @TempDir
    Path tmp;

    @Test
    void theRealCodexListsItsModelsWithEffortsAndLeavesNothingRunning() throws Exception {
        var codex = InstalledClis.find("codex");
        assumeTrue(codex.isPresent(), () -> InstalledClis.notInstalled("codex"));
        try (FakeModelApi api = FakeModelApi.start()) {
            Path codexHome = Files.createDirectories(tmp.resolve("home/.codex"));
            Files.writeString(codexHome.resolve("config.toml"), FakeModelApi.codexConfig(api.baseUrl()));
            Map<String, String> env = Map.of(
                    "HOME",
                    tmp.resolve("home").toString(),
                    "CODEX_HOME",
                    codexHome.toString(),
                    FakeModelApi.CODEX_KEY_ENV,
                    "sk-fake",
                    "TMPDIR",
                    Files.createDirectories(tmp.resolve("tmp")).toString(),
                    "PATH",
                    codex.get().getParent() + ":" + System.getenv("PATH"));
            var before = appServers();

            List<ModelInfo> models = new CodexAppServer(Duration.ofSeconds(60), () -> tmp)
                    .list(codex.get(), env, ModelLister.Placement.HOST);

            assertThat(models).isNotEmpty();
            assertThat(models).allSatisfy(m -> {
                assertThat(m.id()).isNotBlank();
                assertThat(m.displayName()).isNotBlank();
                assertThat(m.supportedEfforts()).isNotEmpty();
            });
            assertThat(models).filteredOn(ModelInfo::isDefault).hasSize(1);
            await("codex app-server processes left running to end")
                    .atMost(Duration.ofSeconds(5))
                    .untilAsserted(() -> assertThat(appServers())
                            .as("codex app-server processes left running")
                            .isEqualTo(before));
        }
    }

    /** Live processes whose command line runs codex's app-server. */
    private static long appServers() {
        return ProcessHandle.allProcesses()
                .filter(ProcessHandle::isAlive)
                .filter(p -> p.info()
                        .commandLine()
                        .map(c -> c.contains("app-server"))
                        .orElse(false))
                .count();
    }
}
