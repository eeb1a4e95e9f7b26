package dev.ductor.orchestrator.turn;

import static dev.ductor.orchestrator.TestMessages.chat;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.runners.Runners;
import dev.ductor.orchestrator.session.SessionStore;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GeminiLoginTest {

    private final Runners runners = mock(Runners.class);
    private final SessionStore sessions = mock(SessionStore.class);
    private final ModelRegistry models = mock(ModelRegistry.class);
    private final GeminiLogin login = new GeminiLogin(runners, sessions, models, Texts.english());

    @BeforeEach
    void onGemini() {
        when(sessions.nextProvider(chat(1))).thenReturn("gemini");
    }

    private static RunnerStatus runner(String id, RunnerStatus.ProviderStatus... providers) {
        return new RunnerStatus(id, 2, List.of(), List.of(providers), Instant.now());
    }

    private static RunnerStatus.ProviderStatus gemini(boolean installed, boolean authenticated) {
        return new RunnerStatus.ProviderStatus("gemini", installed, authenticated, null);
    }

    private Optional<String> refusal(String text) {
        return login.refusal(privateMessage(1, "1", text));
    }

    @Test
    void aGeminiTurnIsRefusedWithDuctorsTextWhenNoLiveRunnerIsLoggedInToGemini() {
        when(runners.alive()).thenReturn(List.of(runner("r1", gemini(true, false)), runner("r2", gemini(true, false))));
        assertThat(refusal("hello")).contains(Texts.english().t("gemini.missing_key"));
    }

    @Test
    void oneRunnerLoggedInToGeminiIsEnough() {
        when(runners.alive()).thenReturn(List.of(runner("r1", gemini(true, false)), runner("r2", gemini(true, true))));
        assertThat(refusal("hello")).isEmpty();
    }

    @Test
    void withoutAReportTheRunnerDecides() {
        when(runners.alive()).thenReturn(List.of());
        assertThat(refusal("hello")).isEmpty();
        // a runner without the gemini CLI says nothing about its login (the runner answers cli_not_found)
        when(runners.alive()).thenReturn(List.of(runner("r1", gemini(false, false))));
        assertThat(refusal("hello")).isEmpty();
    }

    @Test
    void onlyTurnsOnGeminiAreConcernedAndADirectiveChoosesTheProvider() {
        when(runners.alive()).thenReturn(List.of(runner("r1", gemini(true, false))));
        when(sessions.nextProvider(chat(1))).thenReturn("claude");
        assertThat(refusal("hello")).isEmpty();
        when(models.isKnown("flash")).thenReturn(true);
        when(models.providerOf("flash")).thenReturn("gemini");
        assertThat(refusal("@flash hello")).contains(Texts.english().t("gemini.missing_key"));
    }
}
