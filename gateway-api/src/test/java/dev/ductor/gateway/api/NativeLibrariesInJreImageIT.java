package dev.ductor.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged service's native libraries load in the JRE its image runs on (deploy/docker/Dockerfile's
 * {@code JRE_IMAGE}), as the image's unprivileged user with the jar's folder read-only: libsodium for the
 * encryption and libwebp for uploaded images ({@link NativeCheck}). Needs a Docker engine and that base image
 * ({@code bin/build-base-images} or a pull); skipped, saying so, without them.
 */
class NativeLibrariesInJreImageIT {

    @TempDir
    Path libs;

    @Test
    void libsodiumAndLibwebpLoadInTheServiceImagesJre() throws Exception {
        String jre = jreImage();
        assumeTrue(
                run(List.of("docker", "image", "inspect", jre)).exitCode() == 0,
                () -> "no Docker engine or no image " + jre + " (bin/build-base-images). Skipping.");
        Path jar;
        try (Stream<Path> jars = Files.list(Path.of("target"))) {
            jar = jars.filter(p -> p.getFileName().toString().matches("gateway-api-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged gateway-api jar in target/"));
        }
        extractLibraries(jar, libs);
        Files.setPosixFilePermissions(libs, PosixFilePermissions.fromString("rwxr-xr-x")); // for the image's user

        Result result = run(List.of(
                "docker",
                "run",
                "--rm",
                "--user",
                "1000:1000",
                "-v",
                libs.toAbsolutePath() + ":/app/lib:ro",
                "-v",
                Path.of("target/classes").toAbsolutePath() + ":/app/classes:ro",
                "-v",
                Path.of("target/test-classes").toAbsolutePath() + ":/app/check:ro",
                jre,
                "java",
                "--enable-native-access=ALL-UNNAMED",
                "-cp",
                "/app/lib/*:/app/classes:/app/check",
                NativeCheck.class.getName()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output())
                .contains("libsodium: {\"type\":\"result\"}")
                .contains("libwebp: image/webp chart.webp");
    }

    /** {@code ARG JRE_IMAGE=…} of the Dockerfile the service images are built with. */
    private static String jreImage() throws IOException {
        Matcher arg = Pattern.compile("(?m)^ARG JRE_IMAGE=(\\S+)")
                .matcher(Files.readString(Path.of("../deploy/docker/Dockerfile")));
        assertThat(arg.find())
                .as("deploy/docker/Dockerfile names its JRE_IMAGE")
                .isTrue();
        return arg.group(1);
    }

    private static void extractLibraries(Path bootJar, Path into) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(bootJar))) {
            for (ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                String name = entry.getName();
                if (name.startsWith("BOOT-INF/lib/") && name.endsWith(".jar")) {
                    Path target = into.resolve(name.substring("BOOT-INF/lib/".length()));
                    Files.copy(zip, target);
                    target.toFile().setReadable(true, false);
                }
            }
        }
    }

    private record Result(int exitCode, String output) {}

    private static Result run(List<String> command) throws IOException, InterruptedException {
        Process process;
        try {
            process = new ProcessBuilder(new ArrayList<>(command))
                    .redirectErrorStream(true)
                    .start();
        } catch (IOException e) {
            return new Result(127, e.getMessage()); // no docker on PATH
        }
        String output;
        try (InputStream out = process.getInputStream()) {
            output = new String(out.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return new Result(-1, output + "\n(timed out)");
        }
        return new Result(process.exitValue(), output);
    }
}
