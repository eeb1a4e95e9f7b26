package dev.ductor.runner.models;

import dev.ductor.model.RunnerStatus.ModelInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Gemini's models (behaviour §4.4), read from the installation, nothing run: from the executable (symlinks
 * resolved) up to the {@code @google/gemini-cli} package, then the set {@code VALID_GEMINI_MODELS} of
 * {@code gemini-cli-core}'s {@code models.js} (an npm install with dependencies) or of the bundle's chunk that
 * defines it (the published single bundle). Its entries are string literals or constants defined in the same
 * file; only {@code gemini-*} and {@code auto-gemini-*} ids are kept.
 */
final class GeminiModelFiles implements ModelLister {

    private static final Pattern SET = Pattern.compile("VALID_GEMINI_MODELS\\s*=[^\\[]{0,80}\\[([^\\]]*)]");
    private static final Pattern ID = Pattern.compile("(?:auto-)?gemini-[\\w.\\-]+");
    private static final String MARKER = "VALID_GEMINI_MODELS";

    @Override
    public String provider() {
        return "gemini";
    }

    /** The files read are the host's installation's, also with the sandbox. */
    @Override
    public boolean asksInSandbox() {
        return false;
    }

    @Override
    public List<ModelInfo> list(Path executable, Map<String, String> env, Placement placement) throws IOException {
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
