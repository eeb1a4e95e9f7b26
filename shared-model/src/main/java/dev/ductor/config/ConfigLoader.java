package dev.ductor.config;

import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads {@code config.json} as ductor does (behaviour §7.1): creates it with the defaults when missing, adds
 * missing keys recursively without changing any value the user set, writes it back only when something
 * was added, then applies {@code DUCTOR_<KEY>} environment overrides (nested keys joined by {@code __},
 * e.g. {@code DUCTOR_STREAMING__EDIT_INTERVAL_SECONDS}); overrides are never written to the file.
 */
public final class ConfigLoader {

    private static final String DEFAULTS = "/dev/ductor/config/config-defaults.json";

    private final JsonMapper mapper = JsonMapper.builder()
            .enable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .build();
    private final Map<String, String> env;

    public ConfigLoader(Map<String, String> env) {
        this.env = env;
    }

    public ObjectNode defaults() {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(DEFAULTS)) {
            if (in == null) {
                throw new IllegalStateException("Missing " + DEFAULTS + " on the classpath");
            }
            return (ObjectNode) mapper.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Loads, merges and writes back the file, then returns the effective configuration. */
    public DuctorConfig load(Path file) {
        ObjectNode tree = readOrCreate(file);
        if (mergeMissing(tree, defaults())) {
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        }
        return effective(file, tree);
    }

    /**
     * The effective configuration as {@link #load} gives it, without touching the file: missing keys come from
     * the defaults in memory only, a missing file reads as the defaults. For commands that only look (a
     * {@code ductor stop} or {@code status} must not rewrite the user's file).
     *
     * @throws ConfigException when the file cannot be read or holds an invalid value
     */
    public DuctorConfig read(Path file) {
        ObjectNode tree = Files.exists(file) ? readObject(file) : defaults();
        mergeMissing(tree, defaults());
        return effective(file, tree);
    }

    private DuctorConfig effective(Path file, ObjectNode tree) {
        applyEnvironment(tree);
        try {
            return mapper.treeToValue(tree, DuctorConfig.class);
        } catch (JacksonException e) {
            throw new ConfigException(
                    "Invalid value in " + file + " at " + pathOf(e) + ": " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Changes the file (for the {@code ductor} command): reads it (the defaults when missing), adds missing
     * keys, applies {@code change}, checks that the result is still a valid configuration and only then
     * writes it back atomically. Environment overrides are neither applied to nor written into the file.
     *
     * @throws ConfigException when the file cannot be read or the changed configuration is invalid
     */
    public DuctorConfig update(Path file, Consumer<ObjectNode> change) {
        ObjectNode tree = Files.exists(file) ? readObject(file) : defaults();
        mergeMissing(tree, defaults());
        change.accept(tree);
        DuctorConfig changed;
        try {
            changed = mapper.treeToValue(tree, DuctorConfig.class);
        } catch (JacksonException e) {
            throw new ConfigException(
                    "Invalid value for " + file + " at " + pathOf(e) + ": " + e.getOriginalMessage(), e);
        }
        AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        return changed;
    }

    private ObjectNode readOrCreate(Path file) {
        if (!Files.exists(file)) {
            ObjectNode fresh = defaults();
            AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(fresh));
            return fresh;
        }
        return readObject(file);
    }

    private ObjectNode readObject(Path file) {
        try {
            JsonNode node = mapper.readTree(Files.readAllBytes(file));
            if (!(node instanceof ObjectNode object)) {
                throw new ConfigException("Invalid config " + file + ": the top level must be a JSON object");
            }
            return object;
        } catch (JacksonException e) {
            var where = e.getLocation();
            String at = where == null ? "" : " at line " + where.getLineNr() + ", column " + where.getColumnNr();
            throw new ConfigException("Invalid JSON in " + file + at + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ConfigException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Adds keys of {@code defaults} missing in {@code target}, recursively; true if anything was added. */
    static boolean mergeMissing(ObjectNode target, ObjectNode defaults) {
        boolean changed = false;
        for (var entry : defaults.properties()) {
            JsonNode existing = target.get(entry.getKey());
            if (existing == null) {
                target.set(entry.getKey(), entry.getValue().deepCopy());
                changed = true;
            } else if (existing instanceof ObjectNode existingObject
                    && entry.getValue() instanceof ObjectNode defaultObject) {
                changed |= mergeMissing(existingObject, defaultObject);
            }
        }
        return changed;
    }

    private void applyEnvironment(ObjectNode tree) {
        for (var entry : env.entrySet()) {
            String name = entry.getKey();
            if (!name.startsWith("DUCTOR_") || name.equals("DUCTOR_HOME")) {
                continue;
            }
            String[] path =
                    name.substring("DUCTOR_".length()).toLowerCase(Locale.ROOT).split("__");
            ObjectNode parent = tree;
            for (int i = 0; i < path.length - 1 && parent != null; i++) {
                parent = parent.get(path[i]) instanceof ObjectNode child ? child : null;
            }
            String key = path[path.length - 1];
            if (parent == null || !parent.has(key)) {
                continue; // not a config key (e.g. DUCTOR_CHAT_ID given to CLIs)
            }
            parent.set(key, parseOverride(name, parent.get(key), entry.getValue()));
        }
    }

    private JsonNode parseOverride(String name, JsonNode current, String value) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        String trimmed = value.strip();
        try {
            if (current.isArray()) {
                if (trimmed.startsWith("[")) {
                    return mapper.readTree(trimmed);
                }
                ArrayNode array = nodes.arrayNode();
                List<String> items = new ArrayList<>();
                for (String item : trimmed.split(",")) {
                    if (!item.isBlank()) {
                        items.add(item.strip());
                    }
                }
                for (String item : items) {
                    array.add(item.matches("-?\\d+") ? nodes.numberNode(Long.parseLong(item)) : nodes.stringNode(item));
                }
                return array;
            }
            if (current.isObject()) {
                return mapper.readTree(trimmed);
            }
            if (current.isBoolean()) {
                return nodes.booleanNode(Boolean.parseBoolean(trimmed));
            }
            if (current.isNumber() || current.isNull() && trimmed.matches("-?\\d+(\\.\\d+)?")) {
                return trimmed.contains(".")
                        ? nodes.numberNode(Double.parseDouble(trimmed))
                        : nodes.numberNode(Long.parseLong(trimmed));
            }
            return nodes.stringNode(value);
        } catch (RuntimeException e) {
            throw new ConfigException("Invalid value in environment variable " + name + ": " + e.getMessage(), e);
        }
    }

    private static String pathOf(JacksonException e) {
        var path = new StringBuilder();
        for (var ref : e.getPath()) {
            if (ref.getPropertyName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }
}
