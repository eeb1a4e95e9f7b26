package dev.ductor.state;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import org.jspecify.annotations.Nullable;

/**
 * Deletes a folder tree without ever leaving it: a symbolic link inside is removed as a link, never followed
 * (the skill links of behaviour §8 point into the CLIs' own folders, and a task's folder may hold links the
 * agent made). A path that vanishes meanwhile is skipped; any other failure stops the delete.
 */
public final class FileTrees {

    private FileTrees() {}

    /** Deletes {@code root} and everything below it; a link at {@code root} is removed as a link. */
    public static void delete(Path root) throws IOException {
        walk(root, true);
    }

    /** Deletes everything below {@code dir} and leaves {@code dir} itself. */
    public static void deleteContents(Path dir) throws IOException {
        walk(dir, false);
    }

    private static void walk(Path root, boolean itself) throws IOException {
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                if (itself || !file.equals(root)) {
                    Files.deleteIfExists(file);
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, @Nullable IOException e) throws IOException {
                if (e != null) {
                    throw e;
                }
                if (itself || !dir.equals(root)) {
                    Files.deleteIfExists(dir);
                }
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
