package dev.ductor.runner.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.provider.codex.CodexProvider;
import dev.ductor.runner.provider.gemini.GeminiProvider;
import dev.ductor.testkit.time.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §4.3/§4.4: when the runner asks its CLIs for their models, and what it keeps. */
class DiscoveredModelsTest {

    @TempDir
    Path tmp;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final FakeLister codex = new FakeLister("codex");
    private DiscoveredModels discovered;
    private DuctorHome home;

    @BeforeEach
    void installCodexOnly() throws IOException {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        Path exe = Files.writeString(bin.resolve("codex"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(exe, PosixFilePermissions.fromString("rwx------"));
        home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.root());
        Files.writeString(home.envFile(), "CODEX_HOME=/elsewhere/.codex\n");
        discovered = new DiscoveredModels(
                List.of(codex, new FakeLister("gemini")),
                new Providers(List.of(new CodexProvider(), new GeminiProvider())),
                new ExecutableLocator(List.of(bin), ""),
                new CliEnvironment(Map.of("PATH", "/usr/bin"), home),
                new ConfigStore(new ConfigLoader(Map.of()), home.configFile()),
                clock);
    }

    @Test
    void asksAtStartThenOnlyAfterAnHourWithTheEnvironmentOfATurn() {
        codex.answer = List.of(ModelInfo.named("gpt-a"));

        assertThat(discovered.askDue()).isTrue();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-a");
        assertThat(codex.envs.getFirst()).containsEntry("CODEX_HOME", "/elsewhere/.codex");
        assertThat(discovered.of("gemini")).as("gemini is not installed").isNull();

        clock.advance(Duration.ofMinutes(59));
        discovered.askDue();
        assertThat(codex.envs).hasSize(1);

        codex.answer = List.of(ModelInfo.named("gpt-a"), ModelInfo.named("gpt-b"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(discovered.askDue()).isTrue();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-a", "gpt-b");

        clock.advance(Duration.ofHours(1));
        assertThat(discovered.askDue()).as("the same answer is no change").isFalse();
    }

    @Test
    void aFailedAskKeepsTheEarlierAnswerAndIsRetriedAfterAMinute() {
        codex.answer = List.of(ModelInfo.named("gpt-a"));
        discovered.askDue();

        codex.answer = null;
        clock.advance(Duration.ofHours(1));
        assertThat(discovered.askDue()).isFalse();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-a");

        codex.answer = List.of(ModelInfo.named("gpt-c"));
        clock.advance(Duration.ofMinutes(1));
        assertThat(discovered.askDue()).isTrue();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-c");
    }

    @Test
    void aCliThatIsNoLongerInstalledLosesItsModelList() throws IOException {
        codex.answer = List.of(ModelInfo.named("gpt-a"));
        discovered.askDue();

        Files.delete(tmp.resolve("bin/codex"));
        clock.advance(Duration.ofHours(1));

        assertThat(discovered.askDue()).as("a report follows").isTrue();
        assertThat(discovered.of("codex")).isNull();
        assertThat(codex.envs).hasSize(1);
    }

    @Test
    void theBackgroundAskTellsWhenItChangedSomething() throws InterruptedException {
        codex.answer = List.of(ModelInfo.named("gpt-a"));
        var done = new CountDownLatch(1);

        discovered.refreshIfDue(done::countDown);

        assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(discovered.of("codex")).extracting(ModelInfo::id).containsExactly("gpt-a");
        discovered.close();
    }

    private static final class FakeLister implements ModelLister {
        private final String provider;
        List<ModelInfo> answer;
        final List<Map<String, String>> envs = new ArrayList<>();

        FakeLister(String provider) {
            this.provider = provider;
        }

        @Override
        public String provider() {
            return provider;
        }

        @Override
        public List<ModelInfo> list(Path executable, Map<String, String> env) throws IOException {
            envs.add(env);
            if (answer == null) {
                throw new IOException("cannot tell");
            }
            return answer;
        }
    }
}
