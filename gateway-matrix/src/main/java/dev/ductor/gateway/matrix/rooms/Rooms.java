package dev.ductor.gateway.matrix.rooms;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What the gateway learnt about each joined room from {@code /sync}: whether it has a name or a canonical
 * alias, how many members joined, whether it is end-to-end encrypted and whether the bot already said
 * that it cannot read it, and the display names its members set. Kept in {@code <store>/rooms.json}, because an incremental sync after a restart
 * does not repeat a room's state.
 */
public final class Rooms {

    /** One room's facts. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Room(
            boolean named,
            long joinedMembers,
            boolean encrypted,
            boolean encryptionNoticed,
            Map<String, String> displayNames) {

        public Room {
            displayNames = displayNames == null ? Map.of() : Map.copyOf(displayNames);
        }

        Room(boolean named, long joinedMembers, boolean encrypted, boolean encryptionNoticed) {
            this(named, joinedMembers, encrypted, encryptionNoticed, Map.of());
        }

        /** ductor's DM rule (behaviour §9.3): no name, no canonical alias, at most two members. */
        public boolean direct() {
            return !named && joinedMembers <= 2;
        }
    }

    private final JsonStateFile<Map<String, Room>> file;
    private final Map<String, Room> rooms;

    public Rooms(Path store) {
        this.file = StateMaps.file(store.resolve("rooms.json"), Room.class);
        this.rooms = new LinkedHashMap<>(file.load());
    }

    public synchronized Room get(String roomId) {
        return rooms.getOrDefault(roomId, new Room(false, 0, false, false));
    }

    /** Takes in one joined room of a sync answer: its state, timeline state events and summary. */
    public synchronized void update(String roomId, JsonNode joined) {
        Room before = get(roomId);
        boolean named = before.named();
        boolean encrypted = before.encrypted();
        Map<String, String> names = new LinkedHashMap<>(before.displayNames());
        for (JsonNode event : events(joined)) {
            String type = event.path("type").asString("");
            if (!event.has("state_key")) {
                continue;
            }
            switch (type) {
                case "m.room.name" ->
                    named = named
                            || !event.path("content").path("name").asString("").isEmpty();
                case "m.room.canonical_alias" ->
                    named = named
                            || !event.path("content").path("alias").asString("").isEmpty();
                case "m.room.encryption" -> encrypted = true;
                case "m.room.member" -> {
                    String user = event.path("state_key").asString("");
                    String name = event.path("content").path("displayname").asString("");
                    if (event.path("content").path("membership").asString("").equals("join") && !name.isBlank()) {
                        names.put(user, name);
                    } else {
                        names.remove(user);
                    }
                }
                default -> {}
            }
        }
        JsonNode count = joined.path("summary").path("m.joined_member_count");
        long members = count.isNumber() ? count.asLong() : before.joinedMembers();
        Room after = new Room(named, members, encrypted, before.encryptionNoticed(), names);
        if (!after.equals(before)) {
            rooms.put(roomId, after);
            file.save(new LinkedHashMap<>(rooms));
        }
    }

    /** The display name {@code userId} goes by in {@code roomId} ({@code m.room.member}), if it set one. */
    public synchronized Optional<String> displayName(String roomId, String userId) {
        return Optional.ofNullable(get(roomId).displayNames().get(userId));
    }

    /** The bot left the room (or was removed): it is no longer one of the rooms it is in. */
    public synchronized void left(String roomId) {
        if (rooms.remove(roomId) != null) {
            file.save(new LinkedHashMap<>(rooms));
        }
    }

    /** The rooms the bot is in, in the order it learnt of them. */
    public synchronized java.util.List<String> joined() {
        return java.util.List.copyOf(rooms.keySet());
    }

    /** Records that the room was told the bot cannot read encrypted messages; true the first time. */
    public synchronized boolean noticeEncryption(String roomId) {
        Room room = get(roomId);
        if (room.encryptionNoticed()) {
            return false;
        }
        rooms.put(roomId, new Room(room.named(), room.joinedMembers(), room.encrypted(), true, room.displayNames()));
        file.save(new LinkedHashMap<>(rooms));
        return true;
    }

    private static Iterable<JsonNode> events(JsonNode joined) {
        var all = new java.util.ArrayList<JsonNode>();
        joined.path("state").path("events").forEach(all::add);
        joined.path("timeline").path("events").forEach(all::add);
        return all;
    }
}
