package dev.ductor.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * A read-modify-write of a file of ductor's home that several writers share ({@code cron_jobs.json},
 * {@code webhooks.json}): one at a time inside this process (one lock per file, whichever class writes)
 * and across processes (an advisory lock on the sidecar {@code .<name>.lock}, which every writer of this
 * project takes), so no writer loses another's change. The work re-reads the file inside the lock.
 */
public final class LockedFiles {

    private static final ConcurrentHashMap<Path, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

    private LockedFiles() {}

    public static <T> T update(Path file, Supplier<T> work) {
        Path target = file.toAbsolutePath().normalize();
        ReentrantLock lock = LOCKS.computeIfAbsent(target, p -> new ReentrantLock());
        lock.lock();
        try {
            Files.createDirectories(target.getParent());
            try (FileChannel channel =
                            FileChannel.open(sidecar(target), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                    FileLock ignored = channel.lock()) {
                return work.get();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot lock " + file, e);
        } finally {
            lock.unlock();
        }
    }

    static Path sidecar(Path file) {
        return file.resolveSibling("." + file.getFileName() + ".lock");
    }
}
