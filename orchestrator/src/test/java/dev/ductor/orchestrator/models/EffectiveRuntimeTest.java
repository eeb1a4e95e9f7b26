package dev.ductor.orchestrator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.model.ChatRef;
import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.orchestrator.runners.Runners;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Behaviour §4.7: the effective runtime when the wanted provider is not logged in anywhere. */
class EffectiveRuntimeTest {

    private final Runners runners = mock(Runners.class);
    private final ModelCaches caches = mock(ModelCaches.class);
    private final EffectiveRuntime runtime = new EffectiveRuntime(runners, new ModelRegistry(caches));
    private final ChatRef chat = new ChatRef("tg", "main", 1, null);

    @Test
    void theWantedProviderRunsWhenLoggedInOrWhenNoRunnerReportsAnyLogin() {
        loggedIn("claude", "codex");
        assertThat(runtime.of("claude", "opus")).isEqualTo(new EffectiveRuntime.Target("claude", "opus", null));

        loggedIn();
        assertThat(runtime.of("claude", "opus").fellBack()).isFalse();
    }

    @Test
    void aProviderLoggedInNowhereFallsBackToCodexsDefaultModelAndTheChatIsToldOnce() {
        loggedIn("codex", "gemini");
        when(caches.codex())
                .thenReturn(List.of(
                        new ModelInfo("gpt-a", "A", "", List.of("low"), "low", false),
                        new ModelInfo("gpt-b", "B", "", List.of("low"), "low", true)));

        var target = runtime.of("claude", "opus");

        assertThat(target).isEqualTo(new EffectiveRuntime.Target("codex", "gpt-b", "claude"));
        assertThat(runtime.tell(chat, target)).isTrue();
        assertThat(runtime.tell(chat, runtime.of("claude", "opus"))).isFalse();
    }

    @Test
    void codexWithoutAModelListIsSkippedForGemini() {
        loggedIn("codex", "gemini");
        when(caches.codex()).thenReturn(List.of());

        assertThat(runtime.of("claude", "sonnet")).isEqualTo(new EffectiveRuntime.Target("gemini", "auto", "claude"));
        assertThat(new ModelRegistry(caches).defaultModel("codex")).isEqualTo(Optional.empty());
    }

    private void loggedIn(String... providers) {
        when(runners.loggedIn()).thenReturn(new TreeSet<>(List.of(providers)));
    }
}
