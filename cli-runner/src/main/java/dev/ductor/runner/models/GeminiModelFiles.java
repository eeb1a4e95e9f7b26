package dev.ductor.runner.models;

import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.runner.process.ProcessTree;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gemini's models (behaviour §4.4), read from the installation, gemini itself not run: from the executable
 * (symlinks resolved) up to the {@code @google/gemini-cli} package, then the set {@code VALID_GEMINI_MODELS} of
 * {@code gemini-cli-core}'s {@code models.js} (an npm install with dependencies) or of the bundle's chunk that
 * defines it (the published single bundle). Its entries are string literals or constants defined in the same
 * file; only {@code gemini-*} and {@code auto-gemini-*} ids are kept. On the host the files are read directly;
 * with the Docker sandbox a POSIX shell in the container finds the same files from the container's
 * {@code gemini} and prints them, so the list is that of the CLI the turns use.
 */
final class GeminiModelFiles implements ModelLister {

    /**
     * Run in the container with the executable's name as {@code $1}: prints the candidate files in the order
     * {@link #candidates} reads them on the host.
     */
    static final String PRINT_FILES = """
            exe=$(command -v "$1") || { echo "no $1 on the PATH" >&2; exit 3; }
            exe=$(readlink -f "$exe")
            dir=$(dirname "$exe")
            while [ "$dir" != / ] && [ "$dir" != . ]; do
                if [ -f "$dir/package.json" ] && grep -q '"name" *: *"@google/gemini-cli"' "$dir/package.json"; then
                    core="$dir/node_modules/@google/gemini-cli-core/dist/src/config/models.js"
                    [ -f "$core" ] && cat "$core"
                    for file in "$dir"/bundle/*.js "$dir"/dist/*.js; do
                        [ -f "$file" ] && grep -q VALID_GEMINI_MODELS "$file" && cat "$file"
                    done
                    exit 0
                fi
                dir=$(dirname "$dir")
            done
            echo "no @google/gemini-cli package above $exe" >&2
            exit 4
            """;

    private final Duration deadline;
    private final Supplier<Path> workingDirectory;

    GeminiModelFiles(Duration deadline, Supplier<Path> workingDirectory) {
        this.deadline = deadline;
        this.workingDirectory = workingDirectory;
    }

    private static final Pattern SET = Pattern.compile("VALID_GEMINI_MODELS\\s*=[^\\[]{0,80}\\[([^\\]]*)]");
    private static final Pattern ID = Pattern.compile("(?:auto-)?gemini-[\\w.\\-]+");
    private static final String MARKER = "VALID_GEMINI_MODELS";

    @Override
    public String provider() {
        return "gemini";
    }

    @Override
    public List<ModelInfo> list(Path executable, Map<String, String> env, Placement placement) throws IOException {
        if (placement != Placement.HOST) {
            var ids = idsIn(printedIn(executable, env, placement));
            if (ids.isEmpty()) {
                throw new IOException("no " + MARKER + " in the gemini-cli package where " + executable + " runs");
            }
            return ids.stream().map(ModelInfo::named).toList();
        }
        Path root = packageRoot(executable.toRealPath())
                .orElseThrow(() -> new IOException("no @google/gemini-cli package above " + executable));
        for (Path file : candidates(root)) {
            var ids = idsIn(Files.readString(file));
            if (!ids.isEmpty()) {
                return ids.stream().map(ModelInfo::named).toList();
            }
        }
        throw new IOException("no " + MARKER + " in the gemini-cli package at " + root);
    }

    /** What {@link #PRINT_FILES} prints where {@code placement} runs it; fails on its error or after the deadline. */
    private String printedIn(Path executable, Map<String, String> env, Placement placement) throws IOException {
        Path cwd = workingDirectory.get();
        var placed = placement.place(
                List.of("sh", "-c", PRINT_FILES, "gemini-models", executable.toString()), cwd, env, false);
        var builder = new ProcessBuilder(ProcessTree.inOwnGroup(placed.argv()))
                .directory(cwd.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().clear();
        builder.environment().putAll(placed.env());
        Process process = builder.start();
        try {
            CompletableFuture<String> out = CompletableFuture.supplyAsync(
                    () -> readAll(process.getInputStream()),
                    runnable -> Thread.ofVirtual().start(runnable));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(
                    () -> readAll(process.getErrorStream()),
                    runnable -> Thread.ofVirtual().start(runnable));
            if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("reading gemini's model files took over " + deadline.toSeconds() + " s");
            }
            if (process.exitValue() != 0) {
                throw new IOException("cannot read gemini's model files: "
                        + err.get(deadline.toMillis(), TimeUnit.MILLISECONDS).strip());
            }
            return out.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            throw new IOException("cannot read gemini's model files: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while reading gemini's model files");
        } finally {
            ProcessTree.terminate(process);
            ProcessTree.killLeftovers(process.pid());
        }
    }

    private static String readAll(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Optional<Path> packageRoot(Path file) throws IOException {
        for (Path dir = file.getParent(); dir != null; dir = dir.getParent()) {
            Path manifest = dir.resolve("package.json");
            if (Files.isRegularFile(manifest)
                    && Files.readString(manifest).matches("(?s).*\"name\"\\s*:\\s*\"@google/gemini-cli\".*")) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }

    private static List<Path> candidates(Path root) throws IOException {
        List<Path> files = new ArrayList<>();
        Path core = root.resolve("node_modules/@google/gemini-cli-core/dist/src/config/models.js");
        if (Files.isRegularFile(core)) {
            files.add(core);
        }
        for (String dir : List.of("bundle", "dist")) {
            Path folder = root.resolve(dir);
            if (!Files.isDirectory(folder)) {
                continue;
            }
            try (Stream<Path> entries = Files.list(folder)) {
                entries.filter(p -> p.getFileName().toString().endsWith(".js"))
                        .sorted()
                        .filter(GeminiModelFiles::mentionsTheSet)
                        .forEach(files::add);
            }
        }
        return files;
    }

    private static boolean mentionsTheSet(Path file) {
        try {
            return Files.readString(file).contains(MARKER);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** The ids of {@code VALID_GEMINI_MODELS} in one JavaScript file, sorted; empty when it has no such set. */
    static TreeSet<String> idsIn(String source) {
        var ids = new TreeSet<String>();
        Matcher set = SET.matcher(source);
        if (!set.find()) {
            return ids;
        }
        for (String entry : set.group(1).split(",")) {
            String item = entry.strip();
            if (item.isEmpty()) {
                continue;
            }
            String value = item.startsWith("\"") || item.startsWith("'")
                    ? item.substring(1, Math.max(1, item.length() - 1))
                    : constant(source, item);
            if (value != null && ID.matcher(value).matches()) {
                ids.add(value);
            }
        }
        return ids;
    }

    private static @org.jspecify.annotations.Nullable String constant(String source, String name) {
        if (!name.matches("[A-Za-z_$][\\w$]*")) {
            return null;
        }
        Matcher m = Pattern.compile("(?:var|const|let)\\s+" + Pattern.quote(name) + "\\s*=\\s*[\"']([^\"']*)[\"']")
                .matcher(source);
        return m.find() ? m.group(1) : null;
    }
}
