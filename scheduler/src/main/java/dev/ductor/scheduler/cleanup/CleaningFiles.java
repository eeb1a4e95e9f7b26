package dev.ductor.scheduler.cleanup;

import dev.ductor.config.DuctorConfig;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.scheduler.leader.Leadership;
import dev.ductor.time.Zones;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ductor's daily cleanup (behaviour §6.4): once a day, in the hour {@code cleanup.check_hour} of the user's
 * zone, deletes files older than their retention (by modification time) under
 * {@code workspace/telegram_files} and {@code matrix_files} ({@code media_files_days}),
 * {@code output_to_user} ({@code output_to_user_days}) and {@code api_files} ({@code api_files_days}), then
 * the sub-folders left empty (the dated folders); the folders themselves stay. No chat message.
 */
public final class CleaningFiles {

    private static final Logger log = LoggerFactory.getLogger(CleaningFiles.class);

    private final Path workspace;
    private final Supplier<DuctorConfig> config;
    private final Zones zones;
    private final SchedulerMetrics metrics;
    private final Leadership leadership;
    private final Clock clock;
    private @Nullable LocalDate doneOn;

    public CleaningFiles(
            Path workspace,
            Supplier<DuctorConfig> config,
            Zones zones,
            SchedulerMetrics metrics,
            Leadership leadership,
            Clock clock) {
        this.workspace = workspace;
        this.config = config;
        this.zones = zones;
        this.metrics = metrics;
        this.leadership = leadership;
        this.clock = clock;
    }

    public synchronized void tick() {
        DuctorConfig current = config.get();
        var cleanup = current.cleanup();
        if (!cleanup.enabled() || !leadership.leading()) {
            return;
        }
        ZonedDateTime local = clock.instant().atZone(zones.user(current.userTimezone()));
        if (local.getHour() != cleanup.checkHour() || local.toLocalDate().equals(doneOn)) {
            return;
        }
        doneOn = local.toLocalDate();
        run(cleanup);
    }

    void run(DuctorConfig.Cleanup cleanup) {
        Instant now = clock.instant();
        for (var folder : List.of(
                new Retention("telegram_files", cleanup.mediaFilesDays()),
                new Retention("matrix_files", cleanup.mediaFilesDays()),
                new Retention("output_to_user", cleanup.outputToUserDays()),
                new Retention("api_files", cleanup.apiFilesDays()))) {
            int deleted = clean(workspace.resolve(folder.name()), now.minus(Duration.ofDays(folder.days())));
            if (deleted > 0) {
                log.info(
                        "Cleanup deleted {} file(s) older than {} days from {}", deleted, folder.days(), folder.name());
                metrics.cleanupDeleted(folder.name(), deleted);
            }
        }
    }

    private record Retention(String name, int days) {}

    private static int clean(Path root, Instant cutoff) {
        if (!Files.isDirectory(root)) {
            return 0;
        }
        int deleted = 0;
        List<Path> paths;
        try (Stream<Path> walk = Files.walk(root)) {
            paths = walk.sorted(Comparator.reverseOrder()).toList();
        } catch (IOException | RuntimeException e) {
            log.warn("Cleanup cannot list {}: {}", root, e.toString());
            return 0;
        }
        for (Path path : paths) {
            try {
                if (Files.isRegularFile(path, java.nio.file.LinkOption.NOFOLLOW_LINKS) || Files.isSymbolicLink(path)) {
                    if (Files.getLastModifiedTime(path, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            .toInstant()
                            .isBefore(cutoff)) {
                        Files.delete(path);
                        deleted++;
                    }
                } else if (!path.equals(root) && Files.isDirectory(path) && isEmpty(path)) {
                    Files.delete(path);
                }
            } catch (IOException e) {
                log.warn("Cleanup cannot delete {}: {}", path, e.toString());
            }
        }
        return deleted;
    }

    private static boolean isEmpty(Path dir) throws IOException {
        try (Stream<Path> entries = Files.list(dir)) {
            return entries.findAny().isEmpty();
        }
    }
}
