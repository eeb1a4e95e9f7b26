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
        executor.scheduleWithFixedDelay(store::reloadIfChanged, intervalMs, intervalMs, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
