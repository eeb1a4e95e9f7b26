package dev.ductor.gateway.telegram.outbound;

import dev.ductor.bus.ContractJson;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The persisted map outboundRef/streamId → Telegram message ids ({@code messages.json}), so edits, deletes
 * and redelivered stream updates reach the same messages after a restart. Keeps the newest {@code max}.
 */
final class SentMessages {

    private final JsonStateFile<LinkedHashMap<String, SentRef>> file;
    private final LinkedHashMap<String, SentRef> refs;
    private final int max;

    SentMessages(Path dir, int max) {
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                dir.resolve("messages.json"),
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, SentRef.class),
                LinkedHashMap::new);
        this.refs = file.load();
        this.max = max;
    }

    synchronized Optional<SentRef> find(String ref) {
        return Optional.ofNullable(refs.get(ref));
    }

    synchronized void put(String ref, SentRef sent) {
        refs.remove(ref);
        refs.put(ref, sent);
        while (refs.size() > max) {
            refs.remove(refs.keySet().iterator().next());
        }
        file.save(refs);
    }

    synchronized void remove(String ref) {
        if (refs.remove(ref) != null) {
            file.save(refs);
        }
    }

    synchronized Map<String, SentRef> snapshot() {
        return Map.copyOf(refs);
    }
}
