package dev.ductor.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the rule files of each folder of the workspace identical (behaviour §8.3): among the
 * {@code CLAUDE.md}, {@code AGENTS.md} and {@code GEMINI.md} present, the newest is copied over the older
 * ones (which then carry its time, so "newest" keeps meaning the last edit; a sibling as new as the source
 * is left alone). Missing ones are not created,
 * except in a cron task folder ({@code workspace/cron_tasks/<task>/}), which gets the rule files of the
 * logged-in CLIs. Links and hidden folders are left alone.
 */
final class SyncingRuleFiles {

    private static final Logger log = LoggerFactory.getLogger(SyncingRuleFiles.class);

    private final HomeFiles files;

    SyncingRuleFiles(HomeFiles files) {
        this.files = files;
    }

    void sync(Path workspace, Set<String> providers) {
        if (!Files.isDirectory(workspace, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Path cronTasks = workspace.resolve("cron_tasks");
        try {
            Files.walkFileTree(workspace, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                    if (!dir.equals(workspace) && dir.getFileName().toString().startsWith(".")) {
                        return FileVisitResult.SKIP_SUBTREE;
                    }
                    boolean cronTask = cronTasks.equals(dir.getParent());
                    syncFolder(dir, cronTask ? providers : Set.of());
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            log.warn("Cannot sync the rule files under {}: {}", workspace, e.toString());
        }
    }

    /** Syncs one folder; {@code backfill} names the CLIs whose missing rule files are created. */
    void syncFolder(Path dir, Set<String> backfill) {
        List<Path> present = new ArrayList<>();
        for (String name : RuleFiles.NAMES) {
            if (HomeFiles.isPlainFile(dir.resolve(name))) {
                present.add(dir.resolve(name));
            }
        }
        if (present.isEmpty()) {
            return;
        }
        Path newest = present.stream()
                .max(Comparator.comparing(SyncingRuleFiles::modified))
                .orElseThrow();
        String content = HomeFiles.read(newest);
        FileTime time = modified(newest);
        List<Path> targets = new ArrayList<>(present);
        RuleFiles.of(backfill).stream()
                .map(dir::resolve)
                .filter(p -> !HomeFiles.exists(p))
                .forEach(targets::add);
        for (Path target : targets) {
            // only a sibling still older than the source: one edited since it was read keeps its edit
            boolean older = !HomeFiles.exists(target) || modified(target).compareTo(time) < 0;
            if (!target.equals(newest) && older && files.write(target, content)) {
                try {
                    Files.setLastModifiedTime(target, time);
                } catch (IOException e) {
                    log.debug("Cannot set the time of {}: {}", target, e.toString());
                }
            }
        }
    }

    private static FileTime modified(Path file) {
        try {
            return Files.getLastModifiedTime(file);
        } catch (IOException e) {
            return FileTime.fromMillis(0);
        }
    }
}
