package dev.ductor.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §5.8: the watcher answers each valid change once; a broken file keeps the last good set. */
class AgentsWatcherTest {

    @TempDir
    Path dir;

    private int step;

    private void write(Path file, String json) throws Exception {
        Files.writeString(file, json);
        Files.setLastModifiedTime(file, FileTime.fromMillis(System.currentTimeMillis() + 2000L * ++step));
    }

    @Test
    void answersChangesOnceAndNothingForABrokenFile() throws Exception {
        Path file = dir.resolve("agents.json");
        var watcher = new AgentsWatcher(new AgentsFile(file));
        assertThat(watcher.poll())
                .hasValueSatisfying(entries -> assertThat(entries).isEmpty());
        assertThat(watcher.poll()).isEmpty();

        write(file, "[{\"name\": \"a\", \"telegram_token\": \"1:a\"}]");
        assertThat(watcher.poll())
                .hasValueSatisfying(entries -> assertThat(entries).hasSize(1));
        assertThat(watcher.poll()).isEmpty();

        write(file, "[{\"name\": \"a\", \"telegram_token\"");
        assertThat(watcher.poll()).isEmpty();

        write(file, "[]");
        assertThat(watcher.poll())
                .hasValueSatisfying(entries -> assertThat(entries).isEmpty());
        Files.delete(file);
        assertThat(watcher.poll())
                .hasValueSatisfying(entries -> assertThat(entries).isEmpty());
    }
}
