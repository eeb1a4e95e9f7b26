package dev.ductor.gateway.matrix.rooms;

import dev.ductor.config.DuctorConfig;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where what belongs to no room goes (behaviour §9.8: cron results without a chat, start notices): the rooms
 * {@code matrix.allowed_rooms} lists, as ductor, else the last active room: the last room an addressed message
 * came from or the bot joined on invitation, kept in {@code <store>/last_active_room} so a restart does not
 * forget it; before there is one, the first DM the bot is in, else the first room it is in.
 */
public final class BroadcastRooms {

    private static final Logger log = LoggerFactory.getLogger(BroadcastRooms.class);

    private final Supplier<DuctorConfig> config;
    private final Rooms rooms;
    private final Path file;
    private volatile @Nullable String lastActive;

    public BroadcastRooms(Supplier<DuctorConfig> config, Rooms rooms, Path store) {
        this.config = config;
        this.rooms = rooms;
        this.file = store.resolve("last_active_room");
        this.lastActive = read(file);
    }

    /** {@code roomId} was active: an addressed message came from it, or the bot joined it. */
    public synchronized void active(String roomId) {
        if (roomId.equals(lastActive)) {
            return;
        }
        lastActive = roomId;
        try {
            AtomicFiles.write(file, roomId.getBytes(StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            log.warn("Cannot write {} ({}); the last active room is kept in memory only", file, e.toString());
        }
    }

    /** The rooms a broadcast goes to now; empty when there is none. */
    public List<String> rooms() {
        DuctorConfig.Matrix matrix = config.get().matrix();
        if (matrix != null && !matrix.allowedRooms().isEmpty()) {
            return List.copyOf(matrix.allowedRooms());
        }
        String last = lastActive;
        if (last != null && rooms.joined().contains(last)) {
            return List.of(last);
        }
        List<String> joined = rooms.joined();
        return joined.stream()
                .filter(room -> rooms.get(room).direct())
                .findFirst()
                .or(() -> joined.stream().findFirst())
                .map(List::of)
                .orElse(List.of());
    }

    private static @Nullable String read(Path file) {
        try {
            String room = Files.isRegularFile(file) ? Files.readString(file).strip() : "";
            return room.isEmpty() ? null : room;
        } catch (IOException e) {
            log.warn("Cannot read {}: {}", file, e.toString());
            return null;
        }
    }
}
