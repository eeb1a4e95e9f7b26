package dev.ductor.systemtests;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One ductor service started from its executable jar, as a user (or docker) would start it. */
public final class ServiceProcess {

    /** The heap every service has in docker-compose.yml too (ComposeFileTest), so the tests prove that limit. */
    public static final String HEAP_LIMIT = "-Xmx256m";

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String module;
    private final Path jar;
    private final int port;
    private final Map<String, String> environment;
    private final Path log;
    private @Nullable Process process;

    ServiceProcess(String module, Path jar, int port, Map<String, String> environment, Path log) {
        this.module = module;
        this.jar = jar;
        this.port = port;
        this.environment = environment;
        this.log = log;
    }

    String module() {
        return module;
    }

    int port() {
        return port;
    }

    Path log() {
        return log;
    }

    void start() {
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("No jar " + jar + "; build it first (./mvnw package)");
        }
        String javaBin = ProcessHandle.current().info().command().orElse("java");
        List<String> options = List.of(
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", HEAP_LIMIT, "-XX:MaxMetaspaceSize=160m", "-Xss512k");
        List<String> command = new ArrayList<>(List.of(javaBin));
        command.addAll(options);
        // Extra options for a benchmark's profiling run, e.g. a flight recording per service
        // (-Dductor.service.jvm.options='-XX:StartFlightRecording=filename=target/jfr/{service}.jfr').
        String extra = System.getProperty("ductor.service.jvm.options", "").strip();
        if (!extra.isEmpty()) {
            for (String option : extra.split("\\s+")) {
                command.add(option.replace("{service}", module));
            }
        }
        command.addAll(AotLaunch.arguments(javaBin, jar, options));
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        builder.environment().putAll(environment);
        builder.environment().put("SERVER_PORT", String.valueOf(port));
        try {
            Files.createDirectories(log.getParent());
            Files.writeString(
                    log,
                    "==== start " + module + "\n",
                    java.nio.file.StandardOpenOption.CREATE,
                    java.nio.file.StandardOpenOption.APPEND);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + module, e);
        }
    }

    boolean ready() {
        if (process == null || !process.isAlive()) {
            return false;
        }
        try {
            var response = HTTP.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health/readiness"))
                            .timeout(Duration.ofSeconds(2))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 && response.body().contains("\"UP\"");
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sets a variable of the service's environment for its next start. */
    void putEnvironment(String name, String value) {
        environment.put(name, value);
    }

    /** The running process's id (for CPU accounting); -1 when not running. */
    long pid() {
        return process == null ? -1 : process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** The exit code once the process ended by itself or was stopped; null while it runs. */
    @org.jspecify.annotations.Nullable
    Integer exitCode() {
        return process == null || process.isAlive() ? null : process.exitValue();
    }

    String metrics() {
        try {
            return HTTP.send(
                            HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus"))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString())
                    .body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no graceful close, nothing flushed — a crash. */
    void kill() {
        if (process != null) {
            process.destroyForcibly();
            try {
                process.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** SIGTERM and wait: a normal stop. */
    void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
