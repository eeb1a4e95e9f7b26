package dev.ductor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ductor.bus.ContractJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
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

    record Bucket(@Nullable String sessionId, int count) {}

    record Entry(String transport, @Nullable String topicName, Map<String, Bucket> buckets) {}

    record Journal(Map<String, Instant> seen, Map<String, Entry> inflight) {}

    record Required(String name) {}

    private <T> JsonStateFile<T> stateFile(
            Path file, tools.jackson.databind.JavaType type, java.util.function.Supplier<T> empty) {
        return new JsonStateFile<>(file, ContractJson.mapper(), type, empty);
    }

    private List<String> names() throws Exception {
        try (var files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void entriesThatParseButMissFieldsAreRepairedOrDroppedAndTheOriginalIsKept() throws Exception {
        Path file = dir.resolve("sessions.json");
        String original = """
                {"tg:1": {"transport": "tg", "buckets": {"claude": {"sessionId": "s-1", "count": 2}}},
                 "tg:2": {"transport": "tg"},
                 "tg:3": {"topicName": "no transport"},
                 "tg:4": null,
                 "tg:5": {"transport": "tg", "buckets": {"codex": {"count": 1}}}}
                """;
        Files.writeString(file, original);
        JsonStateFile<Map<String, Entry>> state = stateFile(
                file,
                ContractJson.mapper().getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Entry.class),
                LinkedHashMap<String, Entry>::new);

        Map<String, Entry> loaded = state.load();

        assertThat(loaded).containsOnlyKeys("tg:1", "tg:2", "tg:5");
        assertThat(loaded.get("tg:1").buckets()).containsEntry("claude", new Bucket("s-1", 2));
        assertThat(loaded.get("tg:2").buckets()).isEmpty();
        assertThat(loaded.get("tg:5").buckets()).containsEntry("codex", new Bucket(null, 1));
        assertThat(names()).hasSize(2).first().isEqualTo("sessions.json");
        assertThat(names().get(1)).startsWith("sessions.json.repaired-");
        assertThat(Files.readString(dir.resolve(names().get(1)))).isEqualTo(original);
    }

    @Test
    void anEmptyObjectForARecordStateGetsEmptyCollections() throws Exception {
        Path file = dir.resolve("turns.json");
        Files.writeString(file, "{}");
        var state = stateFile(
                file, ContractJson.mapper().constructType(Journal.class), () -> new Journal(Map.of(), Map.of()));

        Journal loaded = state.load();

        assertThat(loaded.seen()).isEmpty();
        assertThat(loaded.inflight()).isEmpty();
        state.save(loaded);
        assertThat(state.load()).isEqualTo(new Journal(Map.of(), Map.of()));
    }

    @Test
    void aStateMissingWhatCannotBeRepairedIsQuarantinedAndNullIsEmpty() throws Exception {
        Path file = dir.resolve("required.json");
        Files.writeString(file, "{}");
        var state = stateFile(file, ContractJson.mapper().constructType(Required.class), () -> new Required("empty"));

        assertThat(state.load()).isEqualTo(new Required("empty"));
        assertThat(names()).singleElement().asString().startsWith("required.json.corrupt-");

        Files.writeString(file, "null");
        assertThat(state.load()).isEqualTo(new Required("empty"));
    }

    @Test
    void aFailedWriteRemovesItsTempFile() throws Exception {
        Path target = Files.createDirectories(dir.resolve("sessions.json"));
        Files.writeString(target.resolve("keeps-the-rename-from-replacing-it"), "x");

        assertThatThrownBy(() -> AtomicFiles.write(target, "new".getBytes()))
                .isInstanceOf(java.io.UncheckedIOException.class)
                .hasMessageContaining("sessions.json");

        try (var files = Files.list(dir)) {
            assertThat(files).containsExactly(target);
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
