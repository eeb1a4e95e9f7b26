package dev.ductor.gateway.matrix.inbound;

import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.outbound.RoomSender;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * ductor's {@code JOIN_NOTIFICATION.md} on Matrix (behaviour §9.8): when the bot joined an allowed room on
 * invitation and the file in the ductor home is there and not blank, its text is posted and pinned
 * ({@code m.room.pinned_events}). The bot often may not change a room's state: a pin the room refuses is only
 * logged. The post's transaction id names the room and the sync position of the invite, so an invite handled
 * again after a crash shows the text once.
 */
final class JoinNotification {

    private static final Logger log = LoggerFactory.getLogger(JoinNotification.class);

    private final Path file;
    private final RoomSender sender;
    private final MatrixPort port;
    private final JsonMapper mapper = JsonMapper.builder().build();

    JoinNotification(Path file, RoomSender sender, MatrixPort port) {
        this.file = file;
        this.sender = sender;
        this.port = port;
    }

    /** Posts and pins the notification in {@code roomId}, joined in the batch after {@code since}. */
    void post(String roomId, String since) {
        String text;
        try {
            text = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", file, e.toString());
            return;
        }
        if (text.isEmpty()) {
            return;
        }
        String eventId = sender.markdown(roomId, "join:" + roomId + ":" + since, text, List.of());
        ObjectNode pinned = mapper.createObjectNode();
        pinned.putArray("pinned").add(eventId);
        try {
            port.putState(roomId, "m.room.pinned_events", "", pinned);
        } catch (MatrixException e) {
            log.warn("Could not pin the join notification in {}: {}", roomId, e.getMessage());
        }
    }
}
