package dev.ductor.scheduler.api;

import dev.ductor.state.FileTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The task folders under {@code workspace/cron_tasks/} that cron jobs and {@code cron_task} webhooks run in
 * (behaviour §6.8): created with their rule file, task description, memory file and {@code scripts/};
 * never created or deleted outside {@code cron_tasks/}.
 */
class TaskFolders {

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

    /**
     * Creates the folder {@code name} (refused when it exists), then runs {@code record}, the write that
     * makes it part of a job or hook. When either fails the folder this call created is removed again, so
     * a failed call leaves nothing behind that would block its retry; a folder that existed is never touched.
     *
     * @throws IllegalStateException with the reason, when the folder or the record could not be written
     */
    <T> T createThen(String name, String title, String description, Supplier<T> record) {
        Path folder = inside(name)
                .orElseThrow(() -> new IllegalArgumentException(
                        "Path traversal blocked: '" + name + "' resolves outside cron_tasks"));
        try {
            Files.createDirectories(root);
            Files.createDirectory(folder);
        } catch (FileAlreadyExistsException e) {
            throw new IllegalStateException("Folder '" + name + "' already exists in cron_tasks/");
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the task folder cron_tasks/" + name + ": " + e);
        }
        try {
            fill(folder, name, title, description);
            return record.get();
        } catch (UncheckedIOException | IllegalStateException e) {
            String reason = e.getCause() != null ? e.getMessage() + ": " + e.getCause() : e.getMessage();
            try {
                delete(folder);
            } catch (UncheckedIOException cleanup) {
                reason += " (and cron_tasks/" + name + " could not be removed: " + cleanup.getCause() + ")";
            }
            throw new IllegalStateException(reason, e);
        }
    }

    private void fill(Path folder, String name, String title, String description) {
        try {
            Files.createDirectories(folder.resolve("scripts"));
            writeRules(folder, name, present(root));
            Files.writeString(
                    folder.resolve("TASK_DESCRIPTION.md"),
                    "# " + title + "\n\n## Goal\n\n" + description + "\n\n## Assignment\n\n"
                            + "(Step-by-step instructions for this task: specific and actionable.)\n\n## Output\n\n"
                            + "(What the final answer looks like: format, content, length.)\n",
                    StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(name + "_MEMORY.md"), "# " + name + " Memory\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create the task folder cron_tasks/" + name, e);
        }
    }

    /**
     * Renames the folder {@code from} to {@code to} (refused when {@code to} exists), with its memory file
     * and rule files, then runs {@code record}; when the record fails the folder is renamed back.
     *
     * @return the notes for the tool's answer
     * @throws IllegalStateException with the reason
     */
    List<String> renameThen(String from, String oldId, String to, Runnable record) {
        Path source = inside(from)
                .orElseThrow(() -> new IllegalStateException(
                        "Path traversal blocked: '" + from + "' resolves outside cron_tasks"));
        Path target = inside(to)
                .orElseThrow(() ->
                        new IllegalStateException("Path traversal blocked: '" + to + "' resolves outside cron_tasks"));
        if (Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            throw new IllegalStateException("Target folder already exists: cron_tasks/" + to);
        }
        List<String> notes = new ArrayList<>();
        if (!Files.isDirectory(source)) {
            record.run();
            notes.add("Task folder cron_tasks/" + from + " did not exist; JSON was updated only.");
            return notes;
        }
        try {
            Files.move(source, target);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot rename cron_tasks/" + from + " to cron_tasks/" + to + ": " + e);
        }
        try {
            Path memory = null;
            for (String candidate : new LinkedHashSet<>(List.of(from + "_MEMORY.md", oldId + "_MEMORY.md"))) {
                if (Files.isRegularFile(target.resolve(candidate))) {
                    memory = target.resolve(candidate);
                    break;
                }
            }
            if (memory != null) {
                Files.move(memory, target.resolve(to + "_MEMORY.md"));
                notes.add("Memory file renamed to " + to + "_MEMORY.md.");
            } else {
                notes.add("No memory file found to rename.");
            }
            writeRules(target, to, present(target));
            notes.add("Rule files updated for the renamed memory file.");
            record.run();
            return notes;
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            String reason = "Cannot rename the job: " + e.getMessage();
            try {
                Path memory = target.resolve(to + "_MEMORY.md");
                if (Files.isRegularFile(memory) && !Files.exists(target.resolve(from + "_MEMORY.md"))) {
                    Files.move(memory, target.resolve(from + "_MEMORY.md"));
                }
                writeRules(target, from, present(target));
                Files.move(target, source);
            } catch (IOException | UncheckedIOException back) {
                reason += " (the folder is now cron_tasks/" + to + ": " + back + ")";
            }
            throw new IllegalStateException(reason, e);
        }
    }

    /** The rule files present in {@code dir}; {@code CLAUDE.md} when there are none. */
    private static List<String> present(Path dir) {
        List<String> present =
                RULE_FILES.stream().filter(f -> Files.exists(dir.resolve(f))).toList();
        return present.isEmpty() ? List.of("CLAUDE.md") : present;
    }

    private static void writeRules(Path folder, String name, List<String> files) throws IOException {
        String rules = rules(name);
        for (String file : files) {
            Files.writeString(folder.resolve(file), rules, StandardCharsets.UTF_8);
        }
    }

    /** Deletes the folder; false when there was none. */
    boolean delete(Path folder) {
        if (!Files.isDirectory(folder)) {
            return false;
        }
        try {
            FileTrees.delete(folder);
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
