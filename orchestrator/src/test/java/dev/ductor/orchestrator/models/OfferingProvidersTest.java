package dev.ductor.orchestrator.models;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Gateways;
import dev.ductor.model.OfferProviders;
import dev.ductor.model.OfferProviders.Provider;
import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.orchestrator.runners.Runners;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.amqp.AmqpConnectException;

/** Behaviour §10: the API gateways learn which CLIs are logged in, with their models, when that changes. */
class OfferingProvidersTest {

    private final Runners runners = mock(Runners.class);
    private final ModelCaches caches = mock(ModelCaches.class);
    private final Bus bus = mock(Bus.class);
    private final OfferingProviders offering = new OfferingProviders(
            runners, new ModelRegistry(caches), bus, Gateways.parse(List.of("tg.main", "api.main")));

    @Test
    void eachLoggedInCliIsOfferedWithItsModelsToTheApiGatewaysOnlyAndOnlyWhenThatChanged() {
        loggedIn("gemini", "claude", "codex");
        when(caches.codex())
                .thenReturn(List.of(new ModelInfo("gpt-6-sol", "GPT-6-Sol", "", List.of("low"), "low", true)));
        when(caches.gemini()).thenReturn(List.of("gemini-3-pro-preview", "gemini-2.5-pro"));

        offering.reported();
        offering.reported();

        var sent = ArgumentCaptor.forClass(OfferProviders.class);
        verify(bus).toGateway(eq("api"), eq("main"), sent.capture(), anyString(), anyString());
        verify(bus, never()).toGateway(eq("tg"), any(), any(), any(), any());
        assertThat(sent.getValue().providers())
                .containsExactly(
                        new Provider("claude", "Claude Code", List.of("haiku", "sonnet", "opus")),
                        new Provider("codex", "Codex", List.of("gpt-6-sol")),
                        new Provider(
                                "gemini",
                                "Gemini",
                                List.of(
                                        "auto",
                                        "pro",
                                        "flash",
                                        "flash-lite",
                                        "gemini-2.5-pro",
                                        "gemini-3-pro-preview")));

        loggedIn("codex");
        offering.reported();
        verify(bus, times(2)).toGateway(eq("api"), eq("main"), sent.capture(), anyString(), anyString());
        assertThat(sent.getValue().providers()).extracting(Provider::id).containsExactly("codex");
    }

    @Test
    void aListTheBrokerRefusedIsSentWithTheNextReport() {
        loggedIn("claude");
        doThrow(new AmqpConnectException(new java.net.ConnectException("down")))
                .when(bus)
                .toGateway(eq("api"), eq("main"), any(), anyString(), anyString());
        offering.reported();

        org.mockito.Mockito.reset(bus);
        offering.reported();

        verify(bus).toGateway(eq("api"), eq("main"), any(OfferProviders.class), anyString(), anyString());
    }

    private void loggedIn(String... providers) {
        when(runners.loggedIn()).thenReturn(new TreeSet<>(List.of(providers)));
    }
}
