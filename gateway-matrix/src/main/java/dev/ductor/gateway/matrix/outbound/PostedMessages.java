package dev.ductor.gateway.matrix.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.gateway.matrix.rooms.StateMaps;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the orchestrator's texts went (behaviour §9.7): for each {@code outboundRef} of a {@code SendText}, its
 * room, the events it was posted as (more than one when it was split) and how many number reactions the bot put
 * on the last one, so a later {@code EditText} replaces it ({@code m.replace}) and a {@code DeleteMessage}
 * redacts it. The last {@value #REMEMBERED} are kept in {@code posted.json}, so that works after a restart too.
 * A text to the broadcast address is posted once in each broadcast room (behaviour §9.8): its copies, one per
 * room, are kept the same way in {@code posted-broadcasts.json}, so its edits and its delete reach each copy.
 */
final class PostedMessages {

    static final int REMEMBERED = 1000;

    /** A text as it stands in its room. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Posted(String roomId, List<String> eventIds, int reactions) {

        Posted {
            eventIds = List.copyOf(eventIds);
        }

        /** The event that shows the text's options (and carries their reactions). */
        String last() {
            return eventIds.getLast();
        }
    }

    /** A broadcast text as it stands in each room it was posted in, one copy per room. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Copies(List<Posted> copies) {

        Copies {
            copies = List.copyOf(copies);
        }

        Copies with(Posted copy) {
            List<Posted> replaced = new ArrayList<>(copies);
            replaced.removeIf(c -> c.roomId().equals(copy.roomId()));
            replaced.add(copy);
            return new Copies(replaced);
        }
    }

    private final JsonStateFile<Map<String, Posted>> file;
    private final LinkedHashMap<String, Posted> posted;
    private final JsonStateFile<Map<String, Copies>> broadcastsFile;
    private final LinkedHashMap<String, Copies> broadcasts;

    PostedMessages(Path dir) {
        this.file = StateMaps.file(dir.resolve("posted.json"), Posted.class);
        this.posted = new LinkedHashMap<>(file.load());
        this.broadcastsFile = StateMaps.file(dir.resolve("posted-broadcasts.json"), Copies.class);
        this.broadcasts = new LinkedHashMap<>(broadcastsFile.load());
    }

    synchronized Optional<Posted> get(String outboundRef) {
        return Optional.ofNullable(posted.get(outboundRef));
    }

    synchronized void record(String outboundRef, Posted message) {
        if (message.equals(posted.get(outboundRef))) {
            return;
        }
        newest(posted, outboundRef, message);
        file.save(new LinkedHashMap<>(posted));
    }

    /** The copies of the broadcast text {@code outboundRef}, one per room; empty when it is not remembered. */
    synchronized List<Posted> copies(String outboundRef) {
        Copies copies = broadcasts.get(outboundRef);
        return copies == null ? List.of() : copies.copies();
    }

    /** The broadcast text {@code outboundRef} as it stands in {@code copy}'s room (its other copies kept). */
    synchronized void recordCopy(String outboundRef, Posted copy) {
        Copies earlier = broadcasts.get(outboundRef);
        Copies copies = earlier == null ? new Copies(List.of(copy)) : earlier.with(copy);
        if (copies.equals(earlier)) {
            return;
        }
        newest(broadcasts, outboundRef, copies);
        broadcastsFile.save(new LinkedHashMap<>(broadcasts));
    }

    synchronized void forget(String outboundRef) {
        if (posted.remove(outboundRef) != null) {
            file.save(new LinkedHashMap<>(posted));
        }
        if (broadcasts.remove(outboundRef) != null) {
            broadcastsFile.save(new LinkedHashMap<>(broadcasts));
        }
    }

    /** {@code value} put last, so the oldest are forgotten first, at most {@value #REMEMBERED} kept. */
    private static <V> void newest(LinkedHashMap<String, V> map, String outboundRef, V value) {
        map.remove(outboundRef);
        map.put(outboundRef, value);
        while (map.size() > REMEMBERED) {
            map.remove(map.keySet().iterator().next());
        }
    }
}
