package dev.ductor.cli.service;

import dev.ductor.cli.Context;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the service runs: {@code bin/run-local} of the checkout (it builds the jars if missing, starts the
 * four services and restarts a crashed one), with the environment it needs kept from the installing shell.
 */
public record ServiceLaunch(Path workingDirectory, List<String> command, Map<String, String> environment) {

    /** Variables carried into the service: where ductor lives, which Java, the broker, where the CLIs are. */
    static final List<String> KEPT = List.of(
            "JAVA_HOME",
            "PATH",
            "SPRING_RABBITMQ_HOST",
            "SPRING_RABBITMQ_PORT",
            "SPRING_RABBITMQ_USERNAME",
            "DUCTOR_BUS_NAMESPACE");

    public static ServiceLaunch runLocal(Context context) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("DUCTOR_HOME", context.home().root().toString());
        for (String name : KEPT) {
            String value = context.env().get(name);
            if (value != null && !value.isBlank()) {
                environment.put(name, value);
            }
        }
        return new ServiceLaunch(
                context.repo(),
                List.of("/bin/bash", context.repo().resolve("bin/run-local").toString()),
                environment);
    }
}
