package dev.ductor.orchestrator.reply;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.state.DuctorJson;
import dev.ductor.state.JsonStateFile;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * The ref of each chat's open selector message ({@link SelectorMessage}), kept in {@code
 * state/orchestrator/selector-messages.json} so a press on a selector opened before a restart still edits
 * that message. Keyed by the selector's prefix and the chat's storage key; at most {@link #MAX} entries, the
 * least recently opened dropped first (its next press edits the chat's default ref, as before this file).
 * Single writer (the agent's {@link SelectorMessages}), each change saved atomically.
 */
class SelectorRefs {

    static final int MAX = 1000;

    private final JsonStateFile<Map<String, String>> file;
    private final Map<String, String> refs;

    SelectorRefs(DuctorHome home) {
        JsonMapper mapper = DuctorJson.mapper();
        this.file = new JsonStateFile<>(
                home.stateDir("orchestrator").resolve("selector-messages.json"),
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, String.class),
                LinkedHashMap::new);
        this.refs = new LinkedHashMap<>(file.load());
    }

    synchronized void opened(String prefix, ChatRef chat, String ref) {
        String key = key(prefix, chat);
        refs.remove(key);
        refs.put(key, ref);
        for (Iterator<String> oldest = refs.keySet().iterator(); refs.size() > MAX; ) {
            oldest.next();
            oldest.remove();
        }
        file.save(refs);
    }

    synchronized Optional<String> open(String prefix, ChatRef chat) {
        return Optional.ofNullable(refs.get(key(prefix, chat)));
    }

    private static String key(String prefix, ChatRef chat) {
        return prefix + " " + chat.storageKey();
    }
}
