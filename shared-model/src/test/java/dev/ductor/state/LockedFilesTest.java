package dev.ductor.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LockedFilesTest {

    @TempDir
    Path dir;

    @Test
    void anUpdateWaitsForTheOneInProgressAndHoldsTheSidecarLockForOtherProcesses() throws Exception {
        Path file = dir.resolve("cron_jobs.json");
        var inside = new CountDownLatch(1);
        var leave = new CountDownLatch(1);
        var secondRan = new AtomicBoolean();
        Thread first = Thread.ofPlatform()
                .start(() -> LockedFiles.update(file, () -> {
                    inside.countDown();
                    await().until(() -> leave.getCount() == 0);
                    return null;
                }));
        inside.await();
        try (FileChannel channel = FileChannel.open(LockedFiles.sidecar(file), StandardOpenOption.WRITE)) {
            assertThatThrownBy(channel::tryLock).isInstanceOf(OverlappingFileLockException.class);
        }
        Thread second = Thread.ofPlatform()
                .start(() -> LockedFiles.update(dir.resolve("x/../cron_jobs.json"), () -> {
                    secondRan.set(true);
                    return null;
                }));
        await().until(() -> second.getState() == Thread.State.WAITING);
        assertThat(secondRan).isFalse();

        leave.countDown();
        first.join();
        second.join();
        assertThat(secondRan).isTrue();
    }
}
