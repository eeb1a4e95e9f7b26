package dev.ductor.runner.provider;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files of one turn in its scratch folder ({@code DUCTOR_HOME/tmp/run-<runId>/}, mode 0700, deleted after the
 * turn): created with mode 0600, so no other local user reads a system prompt that an argument would have
 * shown to everyone in {@code /proc}.
 */
public final class ScratchFiles {

    private ScratchFiles() {}

    /** The folder itself, readable by this user only. */
    public static Path createFolder(Path scratch) throws IOException {
        Files.createDirectories(scratch.getParent());
        if (!Files.isDirectory(scratch)) {
            Files.createDirectory(
                    scratch, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        }
        return scratch;
    }

    /** Writes {@code content} to {@code scratch/name}, created with mode 0600. */
    public static Path writePrivate(Path scratch, String name, String content) throws IOException {
        Path file = scratch.resolve(name);
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        return Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    }
}
