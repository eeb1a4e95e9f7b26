package dev.ductor.workspace;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The defaults packaged with the product: {@code manifest.txt} says, for each path under
 * {@code DUCTOR_HOME}, what seeding does with it (behaviour §8.2), and the files under {@code home/} are
 * their contents.
 */
final class PackagedDefaults {

    private static final String BASE = "/dev/ductor/workspace/defaults/";

    enum Zone {
        /** A folder that must exist. */
        DIR,
        /** A {@code RULES.md} template, deployed as the rule files of the logged-in CLIs and always overwritten. */
        RULES,
        /** Always overwritten from the package (zone 2). */
        OVERWRITE,
        /** Copied only when missing; the user's edits survive every start and upgrade (zone 3). */
        SEED_ONCE,
        /** A tool script of the agent (behaviour §6.8): the one launcher under the tool's name, always overwritten. */
        TOOL,
        /** A script of its own that runs where the CLI runs (the media tools, §3.15): always overwritten, executable. */
        SCRIPT
    }

    /** One line of the manifest: a zone and a path relative to {@code DUCTOR_HOME} ({@code .} for the home). */
    record Entry(Zone zone, String path) {}

    private final List<Entry> entries;

    private PackagedDefaults(List<Entry> entries) {
        this.entries = entries;
    }

    static PackagedDefaults load() {
        List<Entry> entries = resource("manifest.txt")
                .lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+", 2))
                .map(parts -> new Entry(Zone.valueOf(parts[0].toUpperCase().replace('-', '_')), parts[1]))
                .toList();
        return new PackagedDefaults(entries);
    }

    List<Entry> entries() {
        return entries;
    }

    List<Entry> of(Zone zone) {
        return entries.stream().filter(e -> e.zone() == zone).toList();
    }

    /** The packaged content for {@code path}; for a {@link Zone#RULES} entry the folder's {@code RULES.md}. */
    String content(Entry entry) {
        return switch (entry.zone()) {
            case RULES -> resource("home/" + (entry.path().equals(".") ? "" : entry.path() + "/") + "RULES.md");
            case TOOL -> resource("launcher/agent-tool.sh");
            default -> resource("home/" + entry.path());
        };
    }

    private static String resource(String name) {
        try (InputStream in = PackagedDefaults.class.getResourceAsStream(BASE + name)) {
            if (in == null) {
                throw new IllegalStateException("Missing packaged default " + BASE + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
