package dev.ductor.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.bus.ContractJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class StateFilesTest {

    @TempDir
    Path dir;

    @Test
    void atomicWriteReplacesContentAndLeavesNoTempFiles() throws Exception {
        Path file = dir.resolve("sessions.json");
        AtomicFiles.write(file, "one".getBytes());
        AtomicFiles.write(file, "two".getBytes());

        assertThat(Files.readString(file)).isEqualTo("two");
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(file);
        }
    }

    @Test
    void aCorruptStateFileIsMovedAsideNotOverwritten() throws Exception {
        Path file = dir.resolve("dedup.json");
        Files.writeString(file, "{ torn");
        var state = longs(file);

        assertThat(state.load()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("dedup.json.corrupt-"));
        }
        state.save(Map.of("tg:1:2", 5L));
        assertThat(state.load()).containsEntry("tg:1:2", 5L);
    }

    @Test
    void aFileHoldingJustNullLoadsEmpty() throws Exception {
        Path file = dir.resolve("turns.json");
        Files.writeString(file, "null");
        var state = longs(file);

        assertThat(state.load()).isEmpty();
    }

    @Test
    void repairsKeepTheOriginalAndSaveTheMendedState() throws Exception {
        Path file = dir.resolve("state.json");
        Files.writeString(file, "{\"a\":null}");
        var state = longs(file);
        var repairs = new StateRepairs();

        repairs.settle(state, Map.of("untouched", 1L));
        assertThat(Files.readString(file)).isEqualTo("{\"a\":null}");

        repairs.note("a: null dropped");
        repairs.settle(state, Map.of());

        assertThat(state.load()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.filter(p -> p.getFileName().toString().startsWith("state.json.before-repair-")))
                    .singleElement()
                    .satisfies(kept -> assertThat(Files.readString(kept)).isEqualTo("{\"a\":null}"));
        }
    }

    @Test
    void aWriteThatFailsLeavesNoTempFileBehind() throws Exception {
        Path target = dir.resolve("sessions.json");
        Files.createDirectories(target); // a non-empty directory where the file should be: the rename fails
        Files.writeString(target.resolve("inside"), "x");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> AtomicFiles.write(target, "new".getBytes()))
                .isInstanceOf(StateNotWritten.class);
        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void dotenvReadsCommentsExportsAndQuotes() {
        Map<String, String> values = DotEnv.parse("""
                # secrets
                export OPENAI_API_KEY="sk-test"
                GEMINI_API_KEY='g-key'
                PLAIN=value # trailing comment
                BROKEN LINE
                """);

        assertThat(values)
                .containsEntry("OPENAI_API_KEY", "sk-test")
                .containsEntry("GEMINI_API_KEY", "g-key")
                .containsEntry("PLAIN", "value")
                .hasSize(3);
    }

    /** A state file of {@code String -> Long}. */
    private static JsonStateFile<Map<String, Long>> longs(Path file) {
        JsonMapper mapper = ContractJson.mapper();
        return new JsonStateFile<>(
                file,
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Long.class),
                LinkedHashMap::new);
    }
}
