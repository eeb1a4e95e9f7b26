package dev.ductor.agents;

import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code agents.json} in ductor's format (behaviour §5.8): a top-level array of entries, each with a unique
 * lowercase {@code name} (not {@code main}), a {@code transport} ({@code telegram}, the default, with a
 * {@code telegram_token}; or {@code matrix} with a {@code matrix} block), allowlists and optional overrides.
 * A missing file means no sub-agents. {@link #entries()} validates and names the first problem.
 */
public final class AgentsFile {

    public static final Pattern NAME = Pattern.compile("^[a-z0-9_-]+$");

    private final Path file;
    private final JsonMapper json = JsonMapper.builder().build();

    public AgentsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    /** The file as written, for editing (entries and keys this build does not know stay); empty if missing. */
    public ArrayNode array() {
        if (!Files.exists(file)) {
            return json.createArrayNode();
        }
        try {
            JsonNode node = json.readTree(Files.readAllBytes(file));
            if (node instanceof ArrayNode array) {
                return array;
            }
            throw new AgentsFileException(file + " is not a JSON array of agents");
        } catch (JacksonException e) {
            throw new AgentsFileException(file + " is not valid JSON (" + e.getOriginalMessage() + ")");
        } catch (IOException e) {
            throw new AgentsFileException("Cannot read " + file + ": " + e.getMessage());
        }
    }

    public void write(ArrayNode all) {
        AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
    }

    /**
     * Sets top-level keys of agent {@code name}'s entry (every other entry, key and value stays as written),
     * writes the file atomically and answers the entry as it is now (behaviour §5.8: {@code /model} in a
     * sub-agent's chat). An unknown name, or a file that would not validate, changes nothing. Updates in one
     * process never interleave (each sub-agent's context has an {@code AgentsFile} of its own).
     */
    public AgentEntry update(String name, Map<String, String> changes) {
        synchronized (AgentsFile.class) {
            ArrayNode all = array();
            for (JsonNode node : all) {
                if (node instanceof ObjectNode entry
                        && name.equals(entry.path("name").asString(""))) {
                    changes.forEach(entry::put);
                    AgentEntry updated = validate(entry, 0, new HashSet<>());
                    write(all);
                    return updated;
                }
            }
            throw new AgentsFileException(file + " has no agent \"" + name + "\"");
        }
    }

    /** The validated entries; the whole file is refused at its first invalid entry. */
    public List<AgentEntry> entries() {
        List<AgentEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int index = 0;
        for (JsonNode node : array()) {
            entries.add(validate(node, index++, names));
        }
        return entries;
    }

    private AgentEntry validate(JsonNode node, int index, Set<String> names) {
        String where = file + ", entry " + (index + 1);
        if (!(node instanceof ObjectNode entry)) {
            throw new AgentsFileException(where + ": not a JSON object");
        }
        String name = entry.path("name").asString("");
        if (!NAME.matcher(name).matches()) {
            throw new AgentsFileException(
                    where + ": \"name\" must be lowercase letters, digits, _ and - (got \"" + name + "\")");
        }
        where = file + ", agent \"" + name + "\"";
        if (name.equals("main")) {
            throw new AgentsFileException(where + ": \"main\" is the main agent's name");
        }
        if (!names.add(name)) {
            throw new AgentsFileException(where + ": the name is used twice");
        }
        String transport = entry.path("transport").asString("telegram").toLowerCase(Locale.ROOT);
        switch (transport) {
            case "telegram" -> {
                if (entry.path("telegram_token").asString("").isBlank()) {
                    throw new AgentsFileException(where + ": \"telegram_token\" is missing");
                }
            }
            case "matrix" -> {
                JsonNode matrix = entry.path("matrix");
                if (!matrix.isObject()
                        || matrix.path("homeserver").asString("").isBlank()
                        || matrix.path("user_id").asString("").isBlank()) {
                    throw new AgentsFileException(
                            where + ": a matrix agent needs a \"matrix\" block with homeserver and user_id");
                }
            }
            default ->
                throw new AgentsFileException(
                        where + ": \"transport\" must be telegram or matrix (got \"" + transport + "\")");
        }
        for (String list : List.of("allowed_user_ids", "allowed_group_ids")) {
            JsonNode ids = entry.path(list);
            if (!ids.isMissingNode() && !ids.isNull() && !(ids.isArray() && allNumbers(ids))) {
                throw new AgentsFileException(where + ": \"" + list + "\" must be a list of numeric ids");
            }
        }
        return new AgentEntry(name, transport, entry);
    }

    private static boolean allNumbers(JsonNode ids) {
        for (JsonNode id : ids) {
            if (!id.isIntegralNumber()) {
                return false;
            }
        }
        return true;
    }
}
