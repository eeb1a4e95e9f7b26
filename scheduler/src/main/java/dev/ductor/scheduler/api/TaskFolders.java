package dev.ductor.scheduler.api;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The task folders under {@code workspace/cron_tasks/} that cron jobs and {@code cron_task} webhooks run in
 * (behaviour §6.8): created with their rule file, task description, memory file and {@code scripts/};
 * never created or deleted outside {@code cron_tasks/}.
 */
final class TaskFolders {

    private static final List<String> RULE_FILES = List.of("CLAUDE.md", "AGENTS.md", "GEMINI.md");

    private final Path root;

    TaskFolders(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    /** The folder, when {@code name} stays inside {@code cron_tasks/}. */
    Optional<Path> inside(String name) {
        Path path = root.resolve(name).normalize();
        return path.startsWith(root) && !path.equals(root) ? Optional.of(path) : Optional.empty();
    }

    boolean exists(String name) {
        return inside(name).map(Files::isDirectory).orElse(false);
    }

    void create(String name, String title, String description) {
        Path folder = inside(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "Path traversal blocked: '" + name + "' resolves outside cron_tasks"));
        try {
            Files.createDirectories(folder.resolve("scripts"));
            String rules = rules(name);
            List<String> present = RULE_FILES.stream()
                    .filter(f -> Files.exists(root.resolve(f)))
                    .toList();
            for (String file : present.isEmpty() ? List.of("CLAUDE.md") : present) {
                Files.writeString(folder.resolve(file), rules, StandardCharsets.UTF_8);
            }
            Files.writeString(
                    folder.resolve("TASK_DESCRIPTION.md"),
                    "# " + title + "\n\n## Goal\n\n" + description + "\n\n## Assignment\n\n"
                            + "(Step-by-step instructions for this task: specific and actionable.)\n\n## Output\n\n"
                            + "(What the final answer looks like: format, content, length.)\n",
                    StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(name + "_MEMORY.md"), "# " + name + " Memory\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the task folder " + folder, e);
        }
    }

    /** Deletes the folder; false when there was none. */
    boolean delete(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException exc) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete " + folder, e);
        }
    }

    private static String rules(String name) {
        return """
                # Scheduled task

                You are an **automated agent** started by ductor on a schedule or by a webhook. Nobody reads
                along while you work: do the task on your own and end with the result.

                1. Read `%1$s_MEMORY.md` first: what earlier runs did and learned.
                2. Read `TASK_DESCRIPTION.md` completely and do what its Assignment says.
                3. Update `%1$s_MEMORY.md` with the date, the time and what you did.

                - Stay in this folder and on this task; change nothing outside it.
                - Scripts for the task belong in `scripts/`; look there before writing new ones.
                - Your final answer is sent to the user's chat by ductor: make it short, friendly and well
                  formatted, with the result only (no notes about tools or delivery).
                """.formatted(name);
    }

    /** ductor's ids: lower case, {@code [a-z0-9-]}, no doubled or outer dashes. */
    static String sanitize(String raw) {
        return raw.toLowerCase()
                .replaceAll("[^a-z0-9-]", "-")
                .replaceAll("-{2,}", "-")
                .replaceAll("^-+|-+$", "");
    }
}
