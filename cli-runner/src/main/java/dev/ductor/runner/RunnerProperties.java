package dev.ductor.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of one runner: its id (default {@code <hostname>-<pid>}), how many CLI turns it runs at once,
 * how often it sends a heartbeat per run, extra folders searched before {@code PATH} for the CLIs, and how
 * often it publishes its {@code RunnerStatus}.
 */
@ConfigurationProperties("ductor.runner")
public record RunnerProperties(
        @Nullable String id,
        @DefaultValue("4") int slots,
        @DefaultValue("5s") Duration heartbeatInterval,
        @DefaultValue List<Path> cliDirs,
        @DefaultValue("30s") Duration statusInterval) {

    public RunnerProperties(@Nullable String id, int slots, Duration heartbeatInterval, List<Path> cliDirs) {
        this(id, slots, heartbeatInterval, cliDirs, Duration.ofSeconds(30));
    }

    @ConstructorBinding
    public RunnerProperties {
        if (slots < 1) {
            throw new IllegalArgumentException("ductor.runner.slots must be at least 1, got " + slots);
        }
        cliDirs = cliDirs == null ? List.of() : List.copyOf(cliDirs);
    }

    /** The configured id, or {@code <hostname>-<pid>}. */
    public String runnerId() {
        return id == null || id.isBlank()
                ? hostname() + "-" + ProcessHandle.current().pid()
                : id;
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException e) {
            return "runner";
        }
    }
}
