package dev.ductor.scheduler;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A {@link DuctorConfig} as the services load it, from the given {@code config.json} content. */
public final class TestConfigs {

    private TestConfigs() {}

    public static DuctorConfig load(Path dir, String json) {
        try {
            Path file = dir.resolve("config-" + System.nanoTime() + ".json");
            Files.writeString(file, json);
            return new ConfigLoader(Map.of()).load(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
