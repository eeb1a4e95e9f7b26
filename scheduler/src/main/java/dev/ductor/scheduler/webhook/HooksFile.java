package dev.ductor.scheduler.webhook;

import dev.ductor.logging.SecretMasking;
import dev.ductor.state.AtomicFiles;
import dev.ductor.state.LockedFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ductor's {@code webhooks.json} ({@code {"hooks": [...]}}), re-read when its modification time changes.
 * A broken file is reported and the last good hooks stay in force. The telemetry of a hook
 * ({@code trigger_count}, {@code last_triggered_at}, {@code last_error}) is written back into the file,
 * atomically, every other field (and fields this code does not know) kept as it was.
 */
public final class HooksFile {

    private static final Logger log = LoggerFactory.getLogger(HooksFile.class);

    private final Path file;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private Map<String, Hook> hooks = Map.of();
    private @Nullable FileTime loadedAt;

    public HooksFile(Path file) {
        this.file = file;
    }

    synchronized Optional<Hook> find(String id) {
        return Optional.ofNullable(hooks.get(id));
    }

    /** Reloads the file if it changed since the last look. */
    public synchronized void reloadIfChanged() {
        FileTime modified;
        try {
            modified = Files.getLastModifiedTime(file);
        } catch (NoSuchFileException e) {
            if (loadedAt != null || !hooks.isEmpty()) {
                log.info("{} is gone: no webhooks", file);
            }
            hooks = Map.of();
            loadedAt = null;
            return;
        } catch (IOException e) {
            log.warn("Cannot look at {}: {}", file, e.toString());
            return;
        }
        if (modified.equals(loadedAt)) {
            return;
        }
        loadedAt = modified;
        try {
            JsonNode root = mapper.readTree(Files.readAllBytes(file));
            JsonNode list = root.path("hooks");
            if (!list.isArray()) {
                log.error("{} has no \"hooks\" list; the {} hook(s) loaded before stay in force", file, hooks.size());
                return;
            }
            Map<String, Hook> loaded = new LinkedHashMap<>();
            for (JsonNode node : list) {
                Hook hook = Hook.from(node);
                if (hook.id().isBlank()) {
                    log.error("A hook in {} has no id; ignored", file);
                    continue;
                }
                if (hook.regexBroken()) {
                    log.error(
                            "Hook '{}' in {} has a regular expression that does not compile; it rejects every request",
                            hook.id(),
                            file);
                }
                loaded.putIfAbsent(hook.id(), hook);
                SecretMasking.register(Arrays.asList(hook.token(), hook.hmacSecret()));
            }
            hooks = Map.copyOf(loaded);
            log.info("Loaded {} webhook(s) from {}", hooks.size(), file);
        } catch (JacksonException e) {
            log.error(
                    "{} is not valid JSON ({}); the {} hook(s) loaded before stay in force until it is fixed",
                    file,
                    e.getOriginalMessage(),
                    hooks.size());
        } catch (IOException e) {
            log.error("Cannot read {} ({}); the hooks loaded before stay in force", file, e.toString());
        }
    }

    /** {@code trigger_count + 1}, {@code last_triggered_at}, {@code last_error} (null for success). Best effort. */
    public void recordTrigger(String id, Instant at, @Nullable String error) {
        try {
            LockedFiles.update(file, () -> {
                count(id, at, error);
                return null;
            });
        } catch (RuntimeException e) {
            log.warn("Could not record the trigger of hook {} in {}: {}", id, file, e.toString());
        }
    }

    /** Under the file's lock, shared with the orchestrator writing the hooks' results (docs/design.md). */
    private void count(String id, Instant at, @Nullable String error) {
        try {
            JsonNode root = mapper.readTree(Files.readAllBytes(file));
            for (JsonNode node : root.path("hooks")) {
                if (node instanceof ObjectNode hook && id.equals(hook.path("id").asString(""))) {
                    hook.put("trigger_count", hook.path("trigger_count").asInt(0) + 1);
                    hook.put("last_triggered_at", at.toString());
                    if (error == null) {
                        hook.putNull("last_error");
                    } else {
                        hook.put("last_error", error);
                    }
                    AtomicFiles.write(
                            file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
                    return;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
