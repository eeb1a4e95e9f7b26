package dev.ductor.orchestrator.i18n;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.toml.TomlMapper;

/**
 * The texts of one UI language, read from the classpath as ductor keeps them: {@code i18n/<lang>/chat.toml}
 * (sections of chat texts, looked up as {@code section.key}) and {@code i18n/<lang>/commands.toml}
 * (the command menu's descriptions, sections {@code [bot]} and {@code [multiagent]}). A key the language
 * lacks falls back to English, and a key missing everywhere is shown as the key itself (behaviour Appendix A),
 * so a gap in a translation never hides a message.
 */
public final class Catalogue {

    /** The languages ductor ships (behaviour §7.2 {@code language}); English is the source of truth. */
    public static final List<String> LANGUAGES = List.of("en", "de", "nl", "fr", "ru", "es", "pt");

    public static final String ENGLISH = "en";

    private static final TomlMapper TOML = new TomlMapper();

    private final String language;
    private final Map<String, String> texts;
    private final Map<String, String> commands;
    private final @Nullable Catalogue fallback;

    private Catalogue(
            String language, Map<String, String> texts, Map<String, String> commands, @Nullable Catalogue fallback) {
        this.language = language;
        this.texts = texts;
        this.commands = commands;
        this.fallback = fallback;
    }

    /** The catalogue of {@code language}; an unsupported language is English. */
    public static Catalogue load(String language) {
        Catalogue english = read(ENGLISH, null);
        return supported(language) && !language.equals(ENGLISH) ? read(language, english) : english;
    }

    public static boolean supported(String language) {
        return LANGUAGES.contains(language);
    }

    public String language() {
        return language;
    }

    /** The raw text of {@code key} ({@code section.name}), before its placeholders are filled. */
    public String text(String key) {
        String text = texts.get(key);
        if (text != null) {
            return text;
        }
        return fallback != null ? fallback.text(key) : key;
    }

    /** The keys of this language's chat texts. */
    public java.util.Set<String> keys() {
        return texts.keySet();
    }

    /** The command menu description of {@code command} (without the slash), or null if it has none. */
    public @Nullable String command(String command) {
        String description = commands.get(command);
        if (description != null) {
            return description;
        }
        return fallback != null ? fallback.command(command) : null;
    }

    /** The commands this language describes. */
    public java.util.Set<String> commands() {
        return commands.keySet();
    }

    private static Catalogue read(String language, @Nullable Catalogue fallback) {
        return new Catalogue(
                language,
                flatten(resource(language, "chat.toml"), true),
                flatten(resource(language, "commands.toml"), false),
                fallback);
    }

    private static JsonNode resource(String language, String name) {
        String path = "i18n/" + language + "/" + name;
        try (InputStream in = Catalogue.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("The text catalogue " + path + " is missing from the classpath");
            }
            return TOML.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the text catalogue " + path, e);
        }
    }

    /** {@code [section] key = "text"} as {@code section.key} (chat texts) or {@code key} (commands). */
    private static Map<String, String> flatten(JsonNode root, boolean qualified) {
        Map<String, String> flat = new LinkedHashMap<>();
        for (var section : root.properties()) {
            for (var entry : section.getValue().properties()) {
                String key = qualified ? section.getKey() + "." + entry.getKey() : entry.getKey();
                flat.put(key, entry.getValue().asString());
            }
        }
        return Map.copyOf(flat);
    }
}
