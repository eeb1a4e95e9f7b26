package dev.ductor.orchestrator.config;

import dev.ductor.config.ConfigException;
import dev.ductor.config.ConfigStore;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.util.Map;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Changes top-level keys of {@code config.json} in place (every other key and value stays as the user
 * wrote it), atomically, then reloads the configuration so the change is in force at once.
 */
@Component
public class ConfigWriter {

    private final ConfigStore config;
    private final JsonMapper mapper = JsonMapper.builder().build();

    ConfigWriter(ConfigStore config) {
        this.config = config;
    }

    public synchronized void set(Map<String, String> changes) {
        try {
            var tree = (ObjectNode) mapper.readTree(Files.readAllBytes(config.file()));
            changes.forEach(tree::put);
            AtomicFiles.write(
                    config.file(), mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
        } catch (IOException | ClassCastException e) {
            throw new ConfigException("Cannot update " + config.file() + ": " + e.getMessage(), e);
        }
        config.reloadIfChanged();
    }
}
