package dev.ductor.orchestrator.status;

import static dev.ductor.orchestrator.TestMessages.chat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.EffectiveRuntime;
import dev.ductor.orchestrator.models.ModelCaches;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.run.RecentErrors;
import dev.ductor.orchestrator.runners.Runners;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;

class ShowingDiagnosticsTest {

    @TempDir
    Path root;

    private final Runners runners = mock(Runners.class);
    private final TurnJournal journal = mock(TurnJournal.class);
    private final RecentErrors errors = mock(RecentErrors.class);
    private final AmqpAdmin broker = mock(AmqpAdmin.class);

    @SuppressWarnings("unchecked")
    private ShowingDiagnostics diagnostics(BuildProperties build) throws Exception {
        var home = new DuctorHome(root);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[111],\"provider\":\"codex\",\"model\":\"gpt-5\"}");
        ObjectProvider<BuildProperties> provider = mock(ObjectProvider.class);
        when(provider.getIfAvailable()).thenReturn(build);
        var texts = dev.ductor.orchestrator.reply.Texts.english();
        var caches = new ModelCaches(home);
        ObjectProvider<AmqpAdmin> admin = mock(ObjectProvider.class);
        when(admin.getIfAvailable()).thenReturn(broker);
        when(runners.loggedIn()).thenCallRealMethod();
        return new ShowingDiagnostics(
                new ConfigStore(new ConfigLoader(Map.of()), home.configFile()),
                runners,
                journal,
                errors,
                provider,
                texts,
                caches,
                new EffectiveRuntime(runners, new ModelRegistry(caches)),
                new BrokerHealth(admin, new Topology("t"), texts));
    }

    @Test
    void tellsVersionConfigurationRunnersAndRecentErrors() throws Exception {
        var properties = new Properties();
        properties.setProperty("version", "1.2.3");
        when(runners.alive())
                .thenReturn(List.of(new RunnerStatus(
                        "runner-a",
                        4,
                        List.of("r1"),
                        List.of(
                                new RunnerStatus.ProviderStatus("claude", true, true, "2.1.0"),
                                new RunnerStatus.ProviderStatus("gemini", false, false, null)),
                        Instant.parse("2026-03-01T10:00:00Z"))));
        when(errors.of(chat(1)))
                .thenReturn(List.of(new RecentErrors.Entry(
                        Instant.parse("2026-03-01T09:00:00Z"), "tg:1", "claude", "error", "429 rate limit")));

        when(broker.getQueueInfo("t.orchestrator.inbound")).thenReturn(new QueueInformation("q", 3, 1));
        when(broker.getQueueInfo("t.runner.requests.dlq")).thenReturn(new QueueInformation("q", 2, 0));

        String text = diagnostics(new BuildProperties(properties)).diagnose(chat(1));

        assertThat(text).startsWith("**System Diagnostics**\n\n───\n\nVersion: `1.2.3`");
        assertThat(text).contains("Configured: codex / gpt-5");
        assertThat(text).as("codex is logged in nowhere, claude is").contains("Effective runtime: claude / opus");
        assertThat(text).contains("`t.orchestrator.inbound`: 3 waiting, 1 consumer(s), 0 dead-lettered");
        assertThat(text).contains("`t.runner.requests`: 0 waiting, 0 consumer(s), 2 dead-lettered");
        assertThat(text).contains("Config file: `" + root.resolve("config/config.json") + "`");
        assertThat(text).contains("Codex Model Cache: Not loaded");
        assertThat(text).contains("● `runner-a` — 1/4 slot(s) busy");
        assertThat(text).contains("claude 2.1.0 (authenticated), gemini (not_found)");
        assertThat(text).contains("- 2026-03-01T09:00:00Z `tg:1` claude error: 429 rate limit");
    }

    @Test
    void saysSoWhenNothingIsKnown() throws Exception {
        String text = diagnostics(null).diagnose(chat(1));
        assertThat(text).contains("Version: `unknown (no build-info)`");
        assertThat(text).contains("No runner reported in the last 2 minutes.");
        assertThat(text).contains("Recent errors: none since the orchestrator started.");
        assertThat(text).contains("Effective runtime: codex / gpt-5");
    }

    @Test
    void showsTheCodexCacheTheRunnersFilledAndABrokerThatDoesNotAnswer() throws Exception {
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/codex_models.json"), """
                {"last_updated": "%s", "models": [
                  {"id": "gpt-a", "display_name": "A", "description": "", "supported_efforts": ["low"],
                   "default_effort": "low", "is_default": false},
                  {"id": "gpt-b", "display_name": "B", "description": "", "supported_efforts": ["low"],
                   "default_effort": "low", "is_default": true}]}
                """.formatted(
                        Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)));
        when(broker.getQueueInfo(org.mockito.ArgumentMatchers.anyString()))
                .thenThrow(new org.springframework.amqp.AmqpConnectException(new java.net.ConnectException("refused")));

        String text = diagnostics(null).diagnose(chat(1));

        assertThat(text).contains("Codex Model Cache:\n  Last updated: ");
        assertThat(text).contains("  Models cached: 2\n  Default model: gpt-b");
        assertThat(text).doesNotContain("(stale");
        assertThat(text).contains("**Broker:**\nunreachable (java.net.ConnectException: refused)");
    }
}
