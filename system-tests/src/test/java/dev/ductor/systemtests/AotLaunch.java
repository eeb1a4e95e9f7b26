package dev.ductor.systemtests;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * How a service's jar is launched in the system tests: as {@code bin/jvm-options} does with {@code @aot}
 * (docs/benchmarks/footprint.md), from the jar extracted next to it ({@code target/aot/}) with a JDK AOT cache
 * that a training start (Spring's refresh, then exit) made the first time after the jar was built. It halves
 * the CPU a service needs until it is ready, and the suite starts some 120 of them. Same jar, same code, same
 * options; where the JDK has no AOT cache (before 25) or the training fails, the plain {@code -jar} start.
 * One layout with {@code bin/run-local}: a cache either made is used by the other.
 */
final class AotLaunch {

    private static final boolean ENABLED =
            Runtime.version().feature() >= 25 && !Boolean.getBoolean("ductor.service.aot.disabled");

    /** Jars whose training failed: they start without a cache for the rest of the run, not trained again. */
    private static final Set<Path> UNTRAINABLE = new HashSet<>();

    private AotLaunch() {}

    /** The arguments after the JVM options that start {@code jar}: {@code -XX:AOTCache=… -jar <extracted>} or {@code -jar <jar>}. */
    static synchronized List<String> arguments(String java, Path jar, List<String> options) {
        if (ENABLED && !UNTRAINABLE.contains(jar)) {
            Path dir = jar.resolveSibling("aot");
            String base = jar.getFileName().toString();
            Path cache = dir.resolve(base.replaceFirst("\\.jar$", "") + ".aot");
            Path extracted = dir.resolve(base);
            if (!fresh(cache, jar) && !train(java, jar, dir, extracted, cache, options)) {
                UNTRAINABLE.add(jar);
                return List.of("-jar", jar.toString());
            }
            return List.of("-XX:AOTCache=" + cache, "-jar", extracted.toString());
        }
        return List.of("-jar", jar.toString());
    }

    private static boolean fresh(Path cache, Path jar) {
        try {
            return Files.isRegularFile(cache)
                    && Files.getLastModifiedTime(cache).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean train(String java, Path jar, Path dir, Path extracted, Path cache, List<String> options) {
        long started = System.nanoTime();
        @Nullable Path home = null;
        try {
            deleteRecursively(dir);
            Path log = dir.resolveSibling("aot-training.log");
            Files.deleteIfExists(log);
            if (run(
                            List.of(
                                    java,
                                    "-Djarmode=tools",
                                    "-jar",
                                    jar.toString(),
                                    "extract",
                                    "--destination",
                                    dir.toString()),
                            log,
                            null)
                    != 0) {
                return failed(jar, log);
            }
            home = Files.createTempDirectory("ductor-aot");
            List<String> command = new ArrayList<>(List.of(java));
            command.addAll(options);
            command.addAll(List.of(
                    "-XX:AOTCacheOutput=" + cache, "-Dspring.context.exit=onRefresh", "-jar", extracted.toString()));
            if (run(command, log, home) != 0 || !Files.isRegularFile(cache)) {
                return failed(jar, log);
            }
            System.out.printf(
                    "AotLaunch: trained the AOT cache of %s in %d s%n",
                    jar.getFileName(), (System.nanoTime() - started) / 1_000_000_000);
            return true;
        } catch (IOException e) {
            System.out.println("AotLaunch: no AOT cache for " + jar + ": " + e);
            return false;
        } finally {
            deleteRecursively(home);
        }
    }

    private static int run(List<String> command, Path log, @Nullable Path home) throws IOException {
        var builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        if (home != null) {
            builder.environment().put("DUCTOR_HOME", home.toString());
            builder.environment().put("SERVER_PORT", "0");
            builder.environment().put("DUCTOR_AGENT_API_PORT", "0");
            builder.environment().put("DUCTOR_TELEGRAM_TOKEN", "123456:aot-training");
        }
        Process process = builder.start();
        try {
            if (!process.waitFor(5, TimeUnit.MINUTES)) {
                process.destroyForcibly().waitFor();
                return -1;
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            return -1;
        }
    }

    private static boolean failed(Path jar, Path log) {
        System.out.println(
                "AotLaunch: the AOT training of " + jar.getFileName() + " failed (see " + log + "); it starts without");
        return false;
    }

    private static void deleteRecursively(@Nullable Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            // what is left is replaced by the next extraction
        }
    }
}
