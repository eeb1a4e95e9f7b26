package dev.ductor.orchestrator.models;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunnerStatus;
import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.model.RunnerStatus.ProviderStatus;
import dev.ductor.testkit.time.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Behaviour §4.7: ductor's model caches, filled from the runners' reports. */
class ModelCachesTest {

    private static final ModelInfo SOL = new ModelInfo(
            "gpt-6.1-sol", "GPT-6.1-Sol", "Workhorse.", List.of("low", "medium", "high", "xhigh"), "low", true);
    private static final ModelInfo ASTRA =
            new ModelInfo("gpt-6-astra", "GPT-6-Astra", "Frontier.", List.of("medium", "max"), "medium", false);

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private DuctorHome home;
    private ModelCaches caches;

    @BeforeEach
    void setUp() throws IOException {
        home = new DuctorHome(root);
        Files.createDirectories(home.configFile().getParent());
        caches = new ModelCaches(home, clock);
    }

    @Test
    void aReportIsWrittenInDuctorsFormatAndReadBack() throws IOException {
        caches.reported(report(List.of(SOL, ASTRA), List.of(ModelInfo.named("gemini-2.5-pro"))));

        JsonNode codex = JsonMapper.builder().build().readTree(Files.readString(codexFile()));
        assertThat(codex.path("last_updated").asString()).isEqualTo("2026-11-24T10:00:00.000000+00:00");
        JsonNode first = codex.path("models").get(0);
        assertThat(first.path("id").asString()).isEqualTo("gpt-6.1-sol");
        assertThat(first.path("display_name").asString()).isEqualTo("GPT-6.1-Sol");
        assertThat(first.path("description").asString()).isEqualTo("Workhorse.");
        assertThat(first.path("supported_efforts").toString()).isEqualTo("[\"low\",\"medium\",\"high\",\"xhigh\"]");
        assertThat(first.path("default_effort").asString()).isEqualTo("low");
        assertThat(first.path("is_default").asBoolean()).isTrue();
        assertThat(caches.codex()).containsExactly(SOL, ASTRA);
        assertThat(caches.gemini()).containsExactly("gemini-2.5-pro");
        assertThat(Files.readString(home.configFile().resolveSibling("gemini_models.json")))
                .contains("\"gemini-2.5-pro\"");
    }

    @Test
    void theSameListIsRewrittenOnlyHourlyAChangedOneAtOnce() throws IOException {
        caches.reported(report(List.of(SOL), null));
        Instant first = caches.cache("codex").orElseThrow().lastUpdated();

        clock.advance(Duration.ofMinutes(30));
        caches.reported(report(List.of(SOL), null));
        assertThat(caches.cache("codex").orElseThrow().lastUpdated()).isEqualTo(first);

        caches.reported(report(List.of(SOL, ASTRA), null));
        assertThat(caches.codex()).containsExactly(SOL, ASTRA);

        clock.advance(Duration.ofHours(1));
        caches.reported(report(List.of(SOL, ASTRA), null));
        assertThat(caches.cache("codex").orElseThrow().lastUpdated()).isEqualTo(clock.instant());
    }

    @Test
    void theFileIsReadOnceAndAReportKeepsTheListInMemory() throws IOException {
        caches.reported(report(List.of(SOL), null));
        // the file changes behind the orchestrator's back: reports and /model keep what was last written
        Files.writeString(codexFile(), "not json");

        clock.advance(Duration.ofMinutes(10));
        caches.reported(report(List.of(SOL), null));

        assertThat(caches.codex()).containsExactly(SOL);
        assertThat(Files.readString(codexFile())).isEqualTo("not json"); // nothing was due: not rewritten
    }

    @Test
    void aCacheWrittenByDuctorIsUsedUnder24HoursAndNotAfter() throws IOException {
        Files.writeString(codexFile(), """
                {
                  "last_updated": "2026-11-24T10:00:00.123456+00:00",
                  "models": [{"id": "gpt-5.2-codex", "display_name": "gpt-5.2-codex", "description": "",
                              "supported_efforts": ["low", "medium", "high", "xhigh"], "default_effort": "medium",
                              "is_default": true}]
                }
                """);

        assertThat(caches.codex()).extracting(ModelInfo::id).containsExactly("gpt-5.2-codex");

        clock.advance(Duration.ofHours(23).plusMinutes(59));
        assertThat(caches.codex()).as("23 h 59 min old").hasSize(1);
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        assertThat(caches.codex()).as("stale after 24 h").isEmpty();
        assertThat(caches.cache("codex")).isPresent();
    }

    @Test
    void aReportWithoutModelsLeavesTheCacheAlone() throws IOException {
        Files.writeString(codexFile(), "{\"models\":[{\"id\":\"kept\",\"supported_efforts\":[]}]}");
        Files.setLastModifiedTime(codexFile(), FileTime.from(clock.instant()));

        caches.reported(report(null, null));
        caches.reported(report(List.of(), null));

        assertThat(caches.codex()).extracting(ModelInfo::id).containsExactly("kept");
    }

    private Path codexFile() {
        return home.configFile().resolveSibling("codex_models.json");
    }

    private RunnerStatus report(List<ModelInfo> codex, List<ModelInfo> gemini) {
        return new RunnerStatus(
                "r1",
                1,
                List.of(),
                List.of(
                        new ProviderStatus("claude", true, true, "2.1.197", null),
                        new ProviderStatus("codex", true, true, "0.169.0", codex),
                        new ProviderStatus("gemini", true, false, "0.61.0", gemini)),
                clock.instant());
    }
}
