package dev.ductor.gateway.matrix.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.gateway.matrix.rooms.StateMaps;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where the orchestrator's texts went (behaviour §9.7): for each {@code outboundRef} of a {@code SendText}, its
 * room, the events it was posted as (more than one when it was split) and how many number reactions the bot put
 * on the last one, so a later {@code EditText} replaces it ({@code m.replace}) and a {@code DeleteMessage}
 * redacts it. The last {@value #REMEMBERED} are kept in {@code posted.json}, so that works after a restart too.
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

    private final JsonStateFile<Map<String, Posted>> file;
    private final LinkedHashMap<String, Posted> posted;

    PostedMessages(Path dir) {
        this.file = StateMaps.file(dir.resolve("posted.json"), Posted.class);
        this.posted = new LinkedHashMap<>(file.load());
    }

    synchronized Optional<Posted> get(String outboundRef) {
        return Optional.ofNullable(posted.get(outboundRef));
    }

    synchronized void record(String outboundRef, Posted message) {
        if (message.equals(posted.get(outboundRef))) {
            return;
        }
        posted.remove(outboundRef); // newest last, so the oldest are forgotten first
        posted.put(outboundRef, message);
        while (posted.size() > REMEMBERED) {
            posted.remove(posted.keySet().iterator().next());
        }
        file.save(new LinkedHashMap<>(posted));
    }

    synchronized void forget(String outboundRef) {
        if (posted.remove(outboundRef) != null) {
            file.save(new LinkedHashMap<>(posted));
        }
    }
}
