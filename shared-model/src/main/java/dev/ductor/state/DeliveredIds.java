package dev.ductor.state;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persisted window of outbound {@code message-id}s already delivered ({@code delivered.json}): a
 * redelivered command whose id is here is acked without touching the messenger (both gateways).
 */
public final class DeliveredIds {

    private final JsonStateFile<List<String>> file;
    private final LinkedHashSet<String> ids;
    private final int max;

    public DeliveredIds(Path dir, int max) {
        JsonMapper mapper = JsonMapper.builder().build(); // a list of ids: no contract mapping needed
        this.file = new JsonStateFile<>(
                dir.resolve("delivered.json"),
                mapper,
                mapper.getTypeFactory().constructCollectionType(List.class, String.class),
                ArrayList::new);
        this.ids = new LinkedHashSet<>(file.load());
        this.max = max;
    }

    public synchronized boolean contains(String id) {
        return ids.contains(id);
    }

    public synchronized void add(String id) {
        if (!ids.add(id)) {
            return;
        }
        while (ids.size() > max) {
            ids.remove(ids.iterator().next());
        }
        file.save(new ArrayList<>(ids));
    }
}
