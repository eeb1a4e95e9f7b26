package dev.ductor.gateway.matrix.rooms;

import dev.ductor.state.JsonStateFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The numeric chat id of each room (behaviour §9.2): the first 8 bytes of SHA-256 of the room id, as a
 * positive 63-bit number; a collision is resolved by hashing again with a salt. The map is kept in
 * {@code <store>/room_id_map.json} so ids are stable across restarts and an outbound command's chat id
 * finds its room again.
 */
public final class RoomIds {

    private final JsonStateFile<Map<String, Long>> file;
    private final Map<String, Long> byRoom;

    public RoomIds(Path store) {
        this.file = StateMaps.file(store.resolve("room_id_map.json"), Long.class);
        this.byRoom = new LinkedHashMap<>(file.load());
    }

    /** The chat id of {@code roomId}, assigned (and persisted) on first use. */
    public synchronized long chatId(String roomId) {
        Long known = byRoom.get(roomId);
        if (known != null) {
            return known;
        }
        long id = hash(roomId);
        for (int salt = 1; byRoom.containsValue(id); salt++) {
            id = hash(roomId + "#" + salt);
        }
        byRoom.put(roomId, id);
        file.save(new LinkedHashMap<>(byRoom));
        return id;
    }

    /** The room a chat id was assigned to. */
    public synchronized Optional<String> roomId(long chatId) {
        return byRoom.entrySet().stream()
                .filter(e -> e.getValue() == chatId)
                .map(Map.Entry::getKey)
                .findFirst();
    }

    /** The number a Matrix user id stands for in contracts ({@code userId}); its text is in {@code nativeUserId}. */
    public static long userNumber(String userId) {
        return hash(userId);
    }

    static long hash(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
            long n = 0;
            for (int i = 0; i < 8; i++) {
                n = (n << 8) | (digest[i] & 0xff);
            }
            return n & Long.MAX_VALUE;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
