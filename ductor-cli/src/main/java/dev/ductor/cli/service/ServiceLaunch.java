package dev.ductor.cli.service;

import dev.ductor.cli.Context;
import dev.ductor.cli.UserError;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service runs: {@code bin/run-local} of the checkout (it builds the jars if missing, starts the
 * four services and restarts a crashed one), with the environment it needs kept from the installing shell.
 * Secrets of that environment (the broker's password) are not put in the unit or plist, which other local
 * users may read: they go to {@code DUCTOR_HOME/config/service.env} (owner only), which bin/run-local reads.
 */
public record ServiceLaunch(
        Path workingDirectory, List<String> command, Map<String, String> environment, Map<String, String> secrets) {

    /** Variables carried into the service: where ductor lives, which Java, the broker, where the CLIs are. */
    static final List<String> KEPT = List.of(
            "JAVA_HOME",
            "PATH",
            "SPRING_RABBITMQ_HOST",
            "SPRING_RABBITMQ_PORT",
            "SPRING_RABBITMQ_USERNAME",
            "DUCTOR_BUS_NAMESPACE");

    /** Variables carried into the service through {@link #SECRETS_FILE} only. */
    static final List<String> SECRET = List.of("SPRING_RABBITMQ_PASSWORD");

    /** The owner-only file of secret variables, relative to {@code DUCTOR_HOME}; bin/run-local reads it. */
    public static final String SECRETS_FILE = "config/service.env";

    public static ServiceLaunch runLocal(Context context) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DUCTOR_HOME", context.home().root().toString());
        for (String name : KEPT) {
            String value = context.env().get(name);
            if (value != null && !value.isBlank()) {
                environment.put(name, value);
            }
        }
        Map<String, String> secrets = new LinkedHashMap<>();
        for (String name : SECRET) {
            String value = context.env().get(name);
            if (value != null && !value.isEmpty()) {
                secrets.put(name, value);
            }
        }
        return new ServiceLaunch(
                context.repo(),
                List.of("/bin/bash", context.repo().resolve("bin/run-local").toString()),
                environment,
                secrets);
    }

    /**
     * Writes {@link #SECRETS_FILE} ({@code NAME=value} lines, read by bin/run-local without a shell, so a value
     * is taken as it is), or removes a stale one when the installing shell has no secrets. Atomic, owner only.
     */
    public void writeSecrets(Path home) {
        Path file = home.resolve(SECRETS_FILE);
        if (secrets.isEmpty()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                throw new UserError("Cannot remove " + file + ": " + e.getMessage());
            }
            return;
        }
        var text = new StringBuilder();
        secrets.forEach((name, value) -> {
            if (value.contains("\n")) {
                throw new UserError(name + " contains a line break; a service cannot be given it.");
            }
            text.append(name).append('=').append(value).append('\n');
        });
        AtomicFiles.write(file, text.toString().getBytes(StandardCharsets.UTF_8));
    }
}
