package dev.ductor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
        JsonMapper mapper = ContractJson.mapper();
        Path file = dir.resolve("dedup.json");
        Files.writeString(file, "{ torn");
        var state = new JsonStateFile<Map<String, Long>>(
                file,
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, Long.class),
                LinkedHashMap::new);

        assertThat(state.load()).isEmpty();
        try (var files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).anyMatch(n -> n.startsWith("dedup.json.corrupt-"));
        }
        state.save(Map.of("tg:1:2", 5L));
        assertThat(state.load()).containsEntry("tg:1:2", 5L);
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
}
