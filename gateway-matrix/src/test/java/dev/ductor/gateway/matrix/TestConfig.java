package dev.ductor.gateway.matrix;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** A {@link DuctorConfig} read from {@code json} as {@code config.json}, through the real loader. */
public final class TestConfig {

    private TestConfig() {}

    public static DuctorConfig of(Path dir, String json) {
        try {
            Path file = Files.createTempFile(dir, "config", ".json");
            Files.writeString(file, json);
            return new ConfigLoader(Map.of()).load(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
