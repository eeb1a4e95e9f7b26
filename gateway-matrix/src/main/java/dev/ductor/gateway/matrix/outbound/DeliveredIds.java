package dev.ductor.gateway.matrix.outbound;

import dev.ductor.bus.ContractJson;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;

/** The last {@code max} outbound message ids carried out, in {@code delivered.json}: a redelivery is skipped. */
final class DeliveredIds {

    private final JsonStateFile<List<String>> file;
    private final LinkedHashSet<String> ids;
    private final int max;

    DeliveredIds(Path dir, int max) {
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                dir.resolve("delivered.json"),
                mapper,
                mapper.getTypeFactory().constructCollectionType(List.class, String.class),
                ArrayList::new);
        this.ids = new LinkedHashSet<>(file.load());
        this.max = max;
    }

    synchronized boolean contains(String id) {
        return ids.contains(id);
    }

    synchronized void add(String id) {
        if (ids.add(id)) {
            while (ids.size() > max) {
                ids.remove(ids.iterator().next());
            }
            file.save(new ArrayList<>(ids));
        }
    }
}
