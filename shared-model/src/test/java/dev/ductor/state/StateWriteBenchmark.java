package dev.ductor.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.bus.ContractJson;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one change of a per-turn state costs (docs/benchmarks/load.md): a dedup window of message keys with
 * their times, as the orchestrator's journal holds it, changed one key at a time — written whole each time
 * ({@link JsonStateFile#save}, as before) or appended ({@link LoggedStateFile}, now), at a few window sizes.
 * Not part of the build; run it with
 *
 * <pre>
 * ./mvnw -B -o -q -pl shared-model test -Dtest=StateWriteBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Dbenchmark=200
 * </pre>
 *
 * ({@code -Dbenchmark=N}: changes per measurement). The table goes to {@code target/benchmark-state-writes.md}.
 */
@Tag("benchmark")
@EnabledIfSystemProperty(named = "benchmark", matches = "\\d+")
class StateWriteBenchmark {

    @TempDir
    Path dir;

    private final JsonMapper mapper = ContractJson.mapper();

    record Seen(String key, Instant at) {}

    @Test
    void oneChangeWrittenWholeOrAppended() throws Exception {
        int changes = Integer.getInteger("benchmark");
        var report = new StringBuilder(
                "| window (entries) | written | CPU ms per change | wall ms per change |\n" + "|---|---|---|---|\n");
        for (int size : new int[] {100, 1000, 5000}) {
            for (boolean whole : new boolean[] {true, false}) {
                double[] figures = measure(size, whole, changes);
                report.append(String.format(
                        Locale.ROOT,
                        "| %d | %s | %.3f | %.3f |%n",
                        size,
                        whole ? "whole file (before)" : "appended (now)",
                        figures[0],
                        figures[1]));
            }
        }
        System.out.println(report);
        Files.writeString(Path.of("target", "benchmark-state-writes.md"), report, StandardCharsets.UTF_8);
    }

    /** CPU and wall milliseconds per change of a window of {@code size} keys; the first round warms up. */
    private double[] measure(int size, boolean whole, int changes) throws Exception {
        double[] figures = null;
        for (int round = 0; round < 2; round++) {
            Path sub = Files.createTempDirectory(dir, "w");
            var snapshot = new JsonStateFile<LinkedHashMap<String, Instant>>(
                    sub.resolve("turns.json"),
                    mapper,
                    mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Instant.class),
                    LinkedHashMap::new);
            var logged = new LoggedStateFile<LinkedHashMap<String, Instant>, Seen>(
                    snapshot, mapper, Seen.class, (map, seen) -> map.put(seen.key(), seen.at()), LinkedHashMap::size);
            var window = new LinkedHashMap<String, Instant>();
            Instant now = Instant.parse("2026-12-06T12:00:00Z");
            for (int i = 0; i < size; i++) {
                window.put("tg:" + (100_000 + i) + ":" + i, now.plusMillis(i));
            }
            snapshot.save(window);
            logged.open(window);
            var threads = ManagementFactory.getThreadMXBean();
            long cpu = threads.getCurrentThreadCpuTime();
            long wall = System.nanoTime();
            for (int i = 0; i < changes; i++) {
                var seen = new Seen("tg:" + (200_000 + i) + ":" + i, now.plusSeconds(i));
                window.remove(window.keySet().iterator().next());
                window.put(seen.key(), seen.at());
                if (whole) {
                    snapshot.save(window);
                } else {
                    logged.append(seen, window);
                }
            }
            figures = new double[] {
                (threads.getCurrentThreadCpuTime() - cpu) / 1e6 / changes, (System.nanoTime() - wall) / 1e6 / changes
            };
            assertThat(window).hasSize(size);
        }
        return figures;
    }
}
