package dev.ductor.gateway.matrix.rooms;

import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Which thread recent events belong to (behaviour §9.7): a user's message written in a thread
 * ({@code rel_type m.thread}) and the bot's messages posted there, each with its thread's root, so the answer
 * to such a message is posted in the same thread. The last {@value #REMEMBERED} are kept in
 * {@code <store>/threads.json}, so an answer that goes on after a restart stays in its thread.
 */
public final class Threads {

    static final int REMEMBERED = 1000;

    private final JsonStateFile<Map<String, String>> file;
    private final LinkedHashMap<String, String> roots;

    public Threads(Path store) {
        this.file = StateMaps.file(store.resolve("threads.json"), String.class);
        this.roots = new LinkedHashMap<>(file.load());
    }

    /** {@code eventId} was posted in the thread whose root is {@code root}. */
    public synchronized void record(String eventId, String root) {
        if (eventId.isEmpty() || root.isEmpty() || root.equals(roots.get(eventId))) {
            return;
        }
        roots.put(eventId, root);
        while (roots.size() > REMEMBERED) {
            roots.remove(roots.keySet().iterator().next());
        }
        file.save(new LinkedHashMap<>(roots));
    }

    /** The root of the thread {@code eventId} was posted in, if it was one of a thread. */
    public synchronized Optional<String> root(String eventId) {
        return Optional.ofNullable(roots.get(eventId));
    }
}
