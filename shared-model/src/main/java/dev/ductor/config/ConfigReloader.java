package dev.ductor.config;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Polls {@code config.json} for changes on its own daemon thread (not a scheduler bean, so it never
 * becomes the thread the service's own {@code @Scheduled} tasks run on).
 */
public final class ConfigReloader implements AutoCloseable {

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "config-reload");
        thread.setDaemon(true);
        return thread;
    });

    public ConfigReloader(ConfigStore store, long intervalMs) {
        executor.scheduleWithFixedDelay(
                () -> {
                    try {
                        store.reloadIfChanged();
                    } catch (Throwable e) {
                        // A task that throws is never run again: reloading must outlive any one failure.
                        org.slf4j.LoggerFactory.getLogger(ConfigReloader.class)
                                .error("Reloading {} failed; trying again at the next change", store.file(), e);
                    }
                },
                intervalMs,
                intervalMs,
                TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
