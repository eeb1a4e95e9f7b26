package dev.ductor.cli.agents;

import dev.ductor.cli.UserError;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code agents.json} in ductor's format (behaviour §5.8): a top-level array of sub-agent entries, each with
 * {@code name}, {@code transport} and its credentials and allowlists plus optional overrides. Entries and
 * keys this command does not know are kept as they are.
 */
public final class AgentsFile {

    private final Path file;
    private final JsonMapper json = JsonMapper.builder().build();

    public AgentsFile(Path file) {
        this.file = file;
    }

    public Path path() {
        return file;
    }

    public List<ObjectNode> entries() {
        List<ObjectNode> entries = new ArrayList<>();
        for (JsonNode node : read()) {
            if (node instanceof ObjectNode entry) {
                entries.add(entry);
            }
        }
        return entries;
    }

    public Optional<ObjectNode> find(String name) {
        return entries().stream()
                .filter(entry -> entry.path("name").asString("").equals(name))
                .findFirst();
    }

    public void add(ObjectNode entry) {
        ArrayNode all = read();
        all.add(entry);
        write(all);
    }

    /** Removes the entry; false when there was none of that name. */
    public boolean remove(String name) {
        ArrayNode all = read();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).path("name").asString("").equals(name)) {
                all.remove(i);
                write(all);
                return true;
            }
        }
        return false;
    }

    private ArrayNode read() {
        if (!Files.exists(file)) {
            return json.createArrayNode();
        }
        try {
            JsonNode node = json.readTree(Files.readAllBytes(file));
            if (node instanceof ArrayNode array) {
                return array;
            }
            throw new UserError(file + " is not a JSON array of agents; fix or move it first.");
        } catch (JacksonException e) {
            throw new UserError(file + " is not valid JSON (" + e.getOriginalMessage() + "); fix or move it first.");
        } catch (IOException e) {
            throw new UserError("Cannot read " + file + ": " + e.getMessage());
        }
    }

    private void write(ArrayNode all) {
        AtomicFiles.write(file, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(all));
    }
}
