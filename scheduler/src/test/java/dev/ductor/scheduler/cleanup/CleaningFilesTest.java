package dev.ductor.scheduler.cleanup;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.scheduler.TestConfigs;
import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.testkit.time.MutableClock;
import dev.ductor.time.Zones;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scenario 74. */
class CleaningFilesTest {

    @TempDir
    Path home;

    private Path file(String relative, Instant modified) throws Exception {
        Path path = home.resolve("workspace").resolve(relative);
        Files.createDirectories(path.getParent());
        Files.writeString(path, "x");
        Files.setLastModifiedTime(path, FileTime.from(modified));
        return path;
    }

    @Test
    void deletesOldFilesAndEmptyDateFoldersOnceAtTheCheckHour() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-06-30T00:30:00Z")); // 02:30 in Berlin
        Instant old = Instant.parse("2026-05-01T00:00:00Z");
        Instant recent = Instant.parse("2026-06-20T00:00:00Z");
        Path oldMedia = file("telegram_files/2026-05-01/photo.jpg", old);
        Path recentMedia = file("telegram_files/2026-06-20/voice.ogg", recent);
        Path oldOutput = file("output_to_user/report.pdf", old);
        Path oldMatrix = file("matrix_files/2026-05-01/a.png", old);
        Path keptOutside = file("memory_system/MAINMEMORY.md", old);
        var config = TestConfigs.load(home, """
                {"user_timezone": "Europe/Berlin",
                 "cleanup": {"enabled": true, "media_files_days": 30, "output_to_user_days": 90, "check_hour": 3}}""");
        var registry = new SimpleMeterRegistry();
        var cleaning = new CleaningFiles(
                home.resolve("workspace"),
                () -> config,
                new Zones(Map.of()),
                new SchedulerMetrics(registry),
                Leadership.ALWAYS,
                clock);
        cleaning.tick();
        assertThat(oldMedia).exists();
        clock.advance(Duration.ofMinutes(31)); // 03:01 Berlin
        cleaning.tick();
        assertThat(oldMedia).doesNotExist();
        assertThat(oldMedia.getParent()).doesNotExist();
        assertThat(oldMatrix).doesNotExist();
        assertThat(home.resolve("workspace/telegram_files")).isDirectory();
        assertThat(recentMedia).exists();
        assertThat(oldOutput).exists(); // 60 days old, kept for 90
        assertThat(keptOutside).exists();
        assertThat(registry.get("ductor_cleanup_deleted_files_total")
                        .tag("folder", "telegram_files")
                        .counter()
                        .count())
                .isEqualTo(1);
        // once a day: a file that became old within the same hour waits for tomorrow
        Path later = file("telegram_files/2026-05-02/b.jpg", old);
        clock.advance(Duration.ofMinutes(10));
        cleaning.tick();
        assertThat(later).exists();
        clock.advance(Duration.ofDays(1));
        cleaning.tick();
        assertThat(later).doesNotExist();
    }
}
