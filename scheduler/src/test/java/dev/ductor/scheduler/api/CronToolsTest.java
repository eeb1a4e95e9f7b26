package dev.ductor.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

/** The cron tools' answers where the disk fails under them (behaviour §6.8). */
class CronToolsTest {

    @TempDir
    Path tmp;

    @Test
    void cronRemoveSaysTheJobIsGoneWhenItsFolderCannotBeDeleted() throws Exception {
        Path tasks = Files.createDirectories(tmp.resolve("cron_tasks"));
        Files.createDirectories(tasks.resolve("news"));
        Files.writeString(tmp.resolve("cron_jobs.json"), """
                {"jobs": [{"id": "news", "schedule": "0 7 * * *", "task_folder": "news"}]}""");
        var folders = new TaskFolders(tasks) {
            @Override
            boolean delete(Path folder) {
                throw new UncheckedIOException("Cannot delete " + folder, new IOException("Device or resource busy"));
            }
        };
        var cron = new CronTools(tmp.resolve("cron_jobs.json"), folders, () -> "UTC", Clock.systemUTC());

        ToolResult result = cron.remove(new ToolCall(List.of("news"), ToolCall.Chat.of("", "", "")));

        assertThat(result.ok()).as(result.output()).isTrue();
        var out = JsonMapper.builder().build().readTree(result.output());
        assertThat(out.path("json_entry_removed").asBoolean()).isTrue();
        assertThat(out.path("folder_deleted").asBoolean()).isFalse();
        assertThat(out.path("folder_error").asString()).contains("Device or resource busy");
        assertThat(tmp.resolve("cron_jobs.json")).content().doesNotContain("news");
    }
}
