package dev.ductor.agents;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices changes of {@code agents.json} (behaviour §5.8): {@link #poll()} answers the new valid set of
 * entries when the file changed (modification time or size; a file removed counts as an empty set), and
 * nothing otherwise. A broken file is reported once per change and answers nothing, so the last good set
 * stays in force.
 */
public final class AgentsWatcher {

    private static final Logger log = LoggerFactory.getLogger(AgentsWatcher.class);

    private final AgentsFile file;
    private @Nullable Object seen = "never read";

    public AgentsWatcher(AgentsFile file) {
        this.file = file;
    }

    public Optional<List<AgentEntry>> poll() {
        Object now = stamp();
        if (Objects.equals(now, seen)) {
            return Optional.empty();
        }
        seen = now;
        try {
            return Optional.of(file.entries());
        } catch (AgentsFileException e) {
            log.error("{} (the agents keep running as they were)", e.getMessage());
            return Optional.empty();
        }
    }

    private @Nullable Object stamp() {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file.path(), BasicFileAttributes.class);
            return List.of(attributes.lastModifiedTime(), attributes.size());
        } catch (IOException e) {
            return null;
        }
    }
}
