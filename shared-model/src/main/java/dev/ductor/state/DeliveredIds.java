package dev.ductor.state;

import java.nio.file.Path;
import java.util.LinkedHashSet;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persisted window of outbound {@code message-id}s already delivered ({@code delivered.json}, the ids
 * added since it was last written whole in {@code delivered.json.log}, {@link LoggedStateFile}): a
 * redelivered command whose id is here is acked without touching the messenger (every gateway).
 */
public final class DeliveredIds {

    private final LoggedStateFile<LinkedHashSet<String>, String> file;
    private final LinkedHashSet<String> ids;
    private final int max;

    public DeliveredIds(Path dir, int max) {
        this.max = max;
        JsonMapper mapper = JsonMapper.builder().build(); // a list of ids: no contract mapping needed
        var snapshot = new JsonStateFile<LinkedHashSet<String>>(
                dir.resolve("delivered.json"),
                mapper,
                mapper.getTypeFactory().constructCollectionType(LinkedHashSet.class, String.class),
                LinkedHashSet::new);
        this.file = new LoggedStateFile<>(snapshot, mapper, String.class, this::addTo, LinkedHashSet::size);
        this.ids = file.replay(snapshot.load());
        file.open(ids);
    }

    public synchronized boolean contains(String id) {
        return ids.contains(id);
    }

    /**
     * Records a delivered id, on disk when this returns.
     *
     * @throws StateNotWritten when it could not be written (the id is kept in memory and written with the next)
     */
    public synchronized void add(String id) {
        if (ids.contains(id)) {
            return;
        }
        addTo(ids, id);
        file.append(id, ids);
    }

    private void addTo(LinkedHashSet<String> window, String id) {
        window.add(id);
        while (window.size() > max) {
            window.remove(window.iterator().next());
        }
    }
}
