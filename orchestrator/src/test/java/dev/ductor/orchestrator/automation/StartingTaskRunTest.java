package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.models.ModelCaches;
import dev.ductor.orchestrator.models.ModelRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** Behaviour §4.7/§4.9: a task's provider, model and effort overrides are checked against the runners' lists. */
class StartingTaskRunTest {

    private static final ChatRef CHAT = new ChatRef("tg", "main", 42, null);

    @TempDir
    Path root;

    private final Bus bus = mock(Bus.class);
    private StartingTaskRun starting;

    @BeforeEach
    void setUp() throws IOException {
        var home = new DuctorHome(root);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(
                home.configFile(), "{\"allowed_user_ids\":[1],\"model\":\"opus\",\"reasoning_effort\":\"medium\"}");
        Files.writeString(home.configFile().resolveSibling("codex_models.json"), """
                {"last_updated": "%s", "models": [
                  {"id": "gpt-a", "display_name": "A", "description": "", "supported_efforts": ["low", "high"],
                   "default_effort": "low", "is_default": false},
                  {"id": "gpt-b", "display_name": "B", "description": "", "supported_efforts": ["medium"],
                   "default_effort": "medium", "is_default": true}]}
                """.formatted(Instant.now()));
        var config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        starting = new StartingTaskRun(config, new ModelRegistry(new ModelCaches(home)), bus, new AutomationRuns(home));
    }

    @Test
    void aListedCodexModelAndOneOfItsEffortsAreTaken() {
        assertThat(run("t1", null, "gpt-a", "high"))
                .extracting(RunRequest::provider, RunRequest::model, RunRequest::reasoningEffort)
                .containsExactly("codex", "gpt-a", "high");
    }

    @Test
    void anUnknownModelOrAnEffortTheModelLacksFallsBackToTheGlobalSettings() {
        assertThat(run("t2", null, "gpt-unknown", null))
                .extracting(RunRequest::provider, RunRequest::model)
                .containsExactly("claude", "opus");
        assertThat(run("t3", null, "gpt-b", "high").reasoningEffort()).isEqualTo("medium");
    }

    @Test
    void aProviderWithoutAModelRunsItsDefaultModel() {
        assertThat(run("t4", "codex", null, null))
                .extracting(RunRequest::provider, RunRequest::model)
                .containsExactly("codex", "gpt-b");
        assertThat(run("t5", "gemini", null, null).model()).isEqualTo("auto");
        assertThat(run("t6", "nonsense", null, null).provider()).isEqualTo("claude");
    }

    private RunRequest run(String id, @Nullable String provider, @Nullable String model, @Nullable String effort) {
        var task = new CronTask(
                id, id, "folder", "do it", provider, model, effort, List.of(), null, "tg", 42, null, false);
        starting.start("run-" + id, "cron", task, CHAT, List.of(CHAT), () -> {});
        var sent = ArgumentCaptor.forClass(RunRequest.class);
        verify(bus, org.mockito.Mockito.atLeastOnce()).toRunners(sent.capture(), anyString());
        return sent.getValue();
    }
}
