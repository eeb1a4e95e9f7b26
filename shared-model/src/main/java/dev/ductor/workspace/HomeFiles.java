package dev.ductor.workspace;

import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The only way seeding touches {@code DUCTOR_HOME} (behaviour §8.2): it never writes to or through a
 * symbolic link, and never into a folder that a link leads out of the home. A file that cannot be written
 * is logged and skipped, so one bad file does not keep the rest of the workspace from being prepared.
 */
final class HomeFiles {

    private static final Logger log = LoggerFactory.getLogger(HomeFiles.class);

    private final Path root;

    HomeFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    Path root() {
        return root;
    }

    static boolean isLink(Path path) {
        return Files.isSymbolicLink(path);
    }

    static boolean exists(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }

    /** A regular file that is not a link. */
    static boolean isPlainFile(Path path) {
        return Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS);
    }

    /**
     * Whether {@code path} may be written: it is no link itself, and its nearest existing folder, with every
     * link on the way followed, lies inside the home.
     */
    boolean contained(Path path) {
        Path target = path.toAbsolutePath().normalize();
        if (!target.startsWith(root) || isLink(target)) {
            return false;
        }
        Path existing = target.getParent();
        while (existing != null && !exists(existing)) {
            existing = existing.getParent();
        }
        try {
            return existing != null && existing.toRealPath().startsWith(root.toRealPath());
        } catch (IOException e) {
            return false;
        }
    }

    boolean ensureDirectory(Path dir) {
        if (Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return true;
        }
        if (!dir.toAbsolutePath().normalize().equals(root) && !contained(dir)) {
            log.warn("Not creating {}: a link there leads out of {}", dir, root);
            return false;
        }
        try {
            Files.createDirectories(dir);
            return true;
        } catch (IOException e) {
            log.warn("Cannot create {}: {}", dir, e.toString());
            return false;
        }
    }

    /** Writes {@code content} atomically unless the file already holds exactly it. */
    boolean write(Path file, String content) {
        if (!contained(file)) {
            log.warn("Not writing {}: it is a link or a link leads out of {}", file, root);
            return false;
        }
        try {
            if (isPlainFile(file) && Files.readString(file).equals(content)) {
                return false;
            }
            AtomicFiles.write(file, content.getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot write {}: {}", file, e.toString());
            return false;
        }
    }

    /** {@link #write} for a script: afterwards readable and executable by everyone, writable by the owner. */
    void writeExecutable(Path file, String content) {
        write(file, content);
        if (isPlainFile(file) && contained(file)) {
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
            } catch (IOException | UnsupportedOperationException e) {
                log.warn("Cannot make {} executable: {}", file, e.toString());
            }
        }
    }

    /** Writes {@code content} only when nothing (not even a link) is at {@code file} yet. */
    boolean seed(Path file, String content) {
        return !exists(file) && write(file, content);
    }

    void delete(Path file) {
        if (!isPlainFile(file) || !contained(file)) {
            return;
        }
        try {
            Files.delete(file);
        } catch (IOException e) {
            log.warn("Cannot delete {}: {}", file, e.toString());
        }
    }

    static String read(Path file) {
        try {
            return isPlainFile(file) ? Files.readString(file) : "";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
