package dev.ductor.cli.agents;

import dev.ductor.agents.AgentsFileException;
import dev.ductor.cli.UserError;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The command's edits of {@code agents.json} (behaviour §5.8), read and written by shared-model's
 * {@link dev.ductor.agents.AgentsFile}, the reader the services watch. Entries and keys this command does not
 * know are kept as they are; a file that cannot be read is a {@link UserError} naming the problem.
 */
public final class AgentsFile {

    private final dev.ductor.agents.AgentsFile file;

    public AgentsFile(Path file) {
        this.file = new dev.ductor.agents.AgentsFile(file);
    }

    public Path path() {
        return file.path();
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

    /** What the services would refuse in the file, if anything (they keep the agents they run). */
    public Optional<String> problem() {
        try {
            file.entries();
            return Optional.empty();
        } catch (AgentsFileException e) {
            return Optional.of(e.getMessage());
        }
    }

    public Optional<ObjectNode> find(String name) {
        return entries().stream()
                .filter(entry -> entry.path("name").asString("").equals(name))
                .findFirst();
    }

    public void add(ObjectNode entry) {
        ArrayNode all = read();
        all.add(entry);
        file.write(all);
    }

    /** Removes the entry; false when there was none of that name. */
    public boolean remove(String name) {
        ArrayNode all = read();
        for (int i = 0; i < all.size(); i++) {
            if (all.get(i).path("name").asString("").equals(name)) {
                all.remove(i);
                file.write(all);
                return true;
            }
        }
        return false;
    }

    private ArrayNode read() {
        try {
            return file.array();
        } catch (AgentsFileException e) {
            throw new UserError(e.getMessage() + "; fix or move it first.");
        }
    }
}
