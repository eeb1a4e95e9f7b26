package dev.ductor.scheduler.api;

import dev.ductor.state.AtomicFiles;
import dev.ductor.state.LockedFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One of ductor's list files ({@code cron_jobs.json} = {@code {"jobs": [...]}}, {@code webhooks.json} =
 * {@code {"hooks": [...]}}) as the tools change it: a missing file is an empty list, a bare array
 * ({@code [...]}, as hand-written files and the other readers accept) is that list and is written back in
 * ductor's shape, a file in any other shape is reported and never overwritten, and every change is a locked
 * read-modify-write shared with the file's other writers, every field kept as it was.
 */
final class ListFile {

    private final Path file;
    private final String key;
    private final JsonMapper mapper = JsonMapper.builder().build();

    ListFile(Path file, String key) {
        this.file = file;
        this.key = key;
    }

    /** {@code work} on the file's content under its lock; a broken file is answered with its error. */
    ToolResult read(Function<ObjectNode, ToolResult> work) {
        try {
            return work.apply(content());
        } catch (IllegalStateException e) {
            return ToolResult.error(e.getMessage());
        }
    }

    /** As {@link #read}, under the writers' lock; the work calls {@link #write} when it changed something. */
    ToolResult update(Function<ObjectNode, ToolResult> work) {
        return LockedFiles.update(file, () -> read(work));
    }

    void write(ObjectNode root) {
        AtomicFiles.write(file, mapper.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
    }

    ArrayNode entries(ObjectNode root) {
        return (ArrayNode) root.get(key);
    }

    ObjectNode newEntry() {
        return mapper.createObjectNode();
    }

    /** The entry with this {@code id}, else the first whose {@code alternative} field has it. */
    @Nullable
    ObjectNode find(ObjectNode root, String wanted, @Nullable String alternative) {
        ObjectNode second = null;
        for (JsonNode entry : entries(root)) {
            if (entry instanceof ObjectNode object) {
                if (wanted.equals(entry.path("id").asString(""))) {
                    return object;
                }
                if (second == null
                        && alternative != null
                        && wanted.equals(entry.path(alternative).asString(""))) {
                    second = object;
                }
            }
        }
        return second;
    }

    List<String> ids(ObjectNode root) {
        List<String> ids = new ArrayList<>();
        entries(root).forEach(entry -> ids.add(entry.path("id").asString("???")));
        return ids;
    }

    void remove(ObjectNode root, ObjectNode entry) {
        ArrayNode entries = entries(root);
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i) == entry) {
                entries.remove(i);
            }
        }
    }

    private ObjectNode content() {
        String name = file.getFileName().toString();
        byte[] content;
        try {
            content = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            ObjectNode root = mapper.createObjectNode();
            root.putArray(key);
            return root;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot read " + name + ": " + e.getMessage());
        }
        try {
            JsonNode parsed = mapper.readTree(content);
            if (parsed instanceof ObjectNode object && object.get(key) instanceof ArrayNode) {
                return object;
            }
            if (parsed instanceof ArrayNode list) {
                ObjectNode root = mapper.createObjectNode();
                root.set(key, list);
                return root;
            }
        } catch (JacksonException e) {
            // reported below
        }
        throw new IllegalStateException("Corrupt " + name + " -- cannot parse (fix or remove the file first)");
    }
}
