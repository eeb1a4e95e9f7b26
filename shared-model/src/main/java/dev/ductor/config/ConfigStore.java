package dev.ductor.config;

import dev.ductor.logging.SecretMasking;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The current configuration of a service, reloaded when {@code config.json} changes (behaviour §7.3). A file
 * broken while the service runs is reported and the last good configuration stays in force.
 */
public final class ConfigStore {

    private static final Logger log = LoggerFactory.getLogger(ConfigStore.class);

    private final ConfigLoader loader;
    private final Path file;
    private final List<Consumer<DuctorConfig>> listeners = new CopyOnWriteArrayList<>();
    private volatile DuctorConfig current;
    private volatile @Nullable FileTime loadedAt;

    public ConfigStore(ConfigLoader loader, Path file) {
        this.loader = loader;
        this.file = file;
        this.current = loader.load(file);
        this.loadedAt = modified();
        maskSecretsOf(current);
    }

    public DuctorConfig current() {
        return current;
    }

    public Path file() {
        return file;
    }

    public void onChange(Consumer<DuctorConfig> listener) {
        listeners.add(listener);
    }

    /** Re-reads the file if its modification time changed; returns true when a new config took effect. */
    public boolean reloadIfChanged() {
        FileTime now = modified();
        if (now == null || now.equals(loadedAt)) {
            return false;
        }
        loadedAt = now;
        DuctorConfig previous = current;
        try {
            current = loader.load(file);
        } catch (ConfigException e) {
            log.error("{} (keeping the previous configuration)", e.getMessage());
            return false;
        }
        maskSecretsOf(current);
        log.info("Configuration reloaded from {}", file);
        for (String key : restartRequired(previous, current)) {
            log.warn(
                    "{} changed in {}: restart required (it takes effect after /restart or a restart of the services)",
                    key,
                    file);
        }
        for (Consumer<DuctorConfig> listener : listeners) {
            try {
                listener.accept(current);
            } catch (RuntimeException e) {
                // One failing reaction must not keep the others from seeing the new configuration.
                log.error("Reacting to the reloaded configuration failed", e);
            }
        }
        return true;
    }

    /**
     * The changed keys that the services read only at start (behaviour §7.3, restart-required): the bot token
     * and API address, the transports, the log level. Every other key used here is read at each use.
     */
    static List<String> restartRequired(DuctorConfig before, DuctorConfig after) {
        List<String> changed = new java.util.ArrayList<>();
        if (!java.util.Objects.equals(before.telegramToken(), after.telegramToken())) {
            changed.add("telegram_token");
        }
        if (!java.util.Objects.equals(before.telegramApiUrl(), after.telegramApiUrl())) {
            changed.add("telegram_api_url");
        }
        if (!java.util.Objects.equals(before.transport(), after.transport())
                || !java.util.Objects.equals(before.transports(), after.transports())) {
            changed.add("transport");
        }
        if (!java.util.Objects.equals(before.logLevel(), after.logLevel())) {
            changed.add("log_level");
        }
        return changed;
    }

    /** The configuration's secrets are masked in every log line from now on. */
    private static void maskSecretsOf(DuctorConfig config) {
        SecretMasking.register(java.util.Arrays.asList(
                config.telegramToken(),
                config.geminiApiKey(),
                config.matrix().password(),
                config.matrix().accessToken(),
                config.webhooks().token(),
                config.api() == null ? null : config.api().token()));
    }

    private @Nullable FileTime modified() {
        try {
            return Files.getLastModifiedTime(file);
        } catch (java.io.IOException e) {
            return null;
        }
    }
}
