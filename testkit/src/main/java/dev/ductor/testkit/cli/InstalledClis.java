package dev.ductor.testkit.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where {@code bin/install-clis} put the real CLIs: {@code -Dductor.clis.bin=DIR}, else {@code DUCTOR_CLIS_BIN},
 * else {@code .cache/clis/node_modules/.bin} in the project root (found upwards from the working directory).
 */
public final class InstalledClis {

    private InstalledClis() {}

    public static Path bin() {
        String configured = System.getProperty("ductor.clis.bin", System.getenv("DUCTOR_CLIS_BIN"));
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured).toAbsolutePath();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.exists(d.resolve("mvnw")) && Files.isDirectory(d.resolve("shared-model"))) {
                return d.resolve(".cache/clis/node_modules/.bin");
            }
        }
        return dir.resolve(".cache/clis/node_modules/.bin");
    }

    public static Optional<Path> find(String name) {
        Path candidate = bin().resolve(name);
        return Files.isExecutable(candidate) ? Optional.of(candidate) : Optional.empty();
    }

    public static String notInstalled(String name) {
        return "The real `" + name + "` is not installed in " + bin()
                + ": run bin/install-clis (CI does) or point -Dductor.clis.bin at a folder with it. Skipping "
                + name + "'s contract tests.";
    }
}
