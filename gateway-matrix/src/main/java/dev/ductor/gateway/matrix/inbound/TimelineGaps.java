package dev.ductor.gateway.matrix.inbound;

import dev.ductor.gateway.matrix.client.MatrixPort;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * The events a {@code limited} timeline left out (behaviour §9.1): when more events arrived in a room than one
 * sync answer carries, the homeserver sends only the newest with {@code limited: true} and a
 * {@code prev_batch}; the rest are fetched back from there to the previous batch's position, page by page,
 * and handed over oldest first, so they are published before the batch's own events. History from before the
 * bot joined the room is not news: the fetch stops at the bot's own join.
 */
final class TimelineGaps {

    private static final Logger log = LoggerFactory.getLogger(TimelineGaps.class);
    static final int PAGE = 100;

    private final MatrixPort port;
    private final String botUserId;

    TimelineGaps(MatrixPort port, String botUserId) {
        this.port = port;
        this.botUserId = botUserId;
    }

    /** The events between {@code since} and {@code timeline}'s first event, oldest first; empty when none. */
    List<JsonNode> missing(String roomId, JsonNode timeline, String since) {
        if (!timeline.path("limited").asBoolean(false) || joins(timeline.path("events"))) {
            return List.of();
        }
        String from = timeline.path("prev_batch").asString("");
        if (from.isEmpty()) {
            log.warn("Matrix room {}: a limited timeline without prev_batch; older events cannot be fetched", roomId);
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        timeline.path("events").forEach(e -> seen.add(e.path("event_id").asString("")));
        Deque<JsonNode> older = new ArrayDeque<>();
        while (true) {
            JsonNode page = port.messagesBefore(roomId, from, since, PAGE);
            JsonNode chunk = page.path("chunk");
            for (JsonNode event : chunk) {
                if (botJoin(event)) {
                    return List.copyOf(older);
                }
                if (seen.add(event.path("event_id").asString(""))) {
                    older.addFirst(event);
                }
            }
            String end = page.path("end").asString("");
            if (chunk.isEmpty() || end.isEmpty() || end.equals(from)) {
                log.info("Matrix room {}: fetched {} events a limited sync left out", roomId, older.size());
                return List.copyOf(older);
            }
            from = end;
        }
    }

    private boolean joins(JsonNode events) {
        for (JsonNode event : events) {
            if (botJoin(event)) {
                return true;
            }
        }
        return false;
    }

    private boolean botJoin(JsonNode event) {
        return event.path("type").asString("").equals("m.room.member")
                && event.path("state_key").asString("").equals(botUserId)
                && event.path("content").path("membership").asString("").equals("join");
    }
}
