package dev.ductor.gateway.matrix.outbound;

import dev.ductor.gateway.matrix.FastProperties;
import dev.ductor.gateway.matrix.MatrixProperties;
import dev.ductor.gateway.matrix.TestConfig;
import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.ButtonSets;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.gateway.matrix.rooms.Rooms;
import dev.ductor.gateway.matrix.rooms.Threads;
import dev.ductor.workspace.SendableFiles;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/** A homeserver whose sends fail as scripted (each queued failure answers one call), then succeed. */
final class ScriptedPort implements MatrixPort {

    /** What was sent, in order: room, type, txn id and content. */
    record Sent(String roomId, String type, String txnId, ObjectNode content) {}

    private final Deque<MatrixException> failures = new ArrayDeque<>();
    private volatile boolean failForever;
    private final java.util.Set<String> refusing = java.util.concurrent.ConcurrentHashMap.newKeySet();
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    volatile int calls;

    synchronized ScriptedPort failing(int times, int status, String errcode) {
        for (int i = 0; i < times; i++) {
            failures.add(new MatrixException(status, errcode, "scripted " + status, null));
        }
        return this;
    }

    /** Sends to {@code roomId} get 403 {@code M_FORBIDDEN}: the bot is not in it. */
    ScriptedPort refusing(String roomId) {
        refusing.add(roomId);
        return this;
    }

    ScriptedPort failingForever() {
        failForever = true;
        return this;
    }

    /** A sender on this port with back-off of a millisecond or two and its button sets in {@code store}. */
    RoomSender sender(Path store) {
        MatrixProperties properties = FastProperties.get();
        return new RoomSender(
                this,
                new ButtonSets(store),
                new Threads(store),
                new MatrixMetrics(new SimpleMeterRegistry()),
                properties);
    }

    /**
     * A gateway's outbound side on this port as after a restart: everything it knows is read from {@code dir},
     * its {@code config.json} is {@code config}'s JSON when asked.
     */
    OutboundCommands commands(Path dir, Supplier<String> config) {
        return new OutboundCommands(
                this,
                sender(dir),
                new RoomIds(dir),
                () -> TestConfig.of(dir, config.get()),
                new BroadcastRooms(() -> TestConfig.of(dir, config.get()), new Rooms(dir), dir),
                new Streams(dir),
                new PostedMessages(dir),
                new SendableFiles(() -> "workspace", dir, dir, dir),
                dir);
    }

    @Override
    public synchronized String send(String roomId, String type, String txnId, ObjectNode content) {
        calls++;
        if (failForever) {
            throw new MatrixException(0, "M_IO", "send did not reach the homeserver", null);
        }
        if (refusing.contains(roomId)) {
            throw new MatrixException(403, "M_FORBIDDEN", "not in room " + roomId, null);
        }
        if (!roomId.startsWith("!")) {
            throw new MatrixException(400, "M_INVALID_PARAM", roomId + " is not a room id", null);
        }
        MatrixException failure = failures.poll();
        if (failure != null) {
            throw failure;
        }
        sent.add(new Sent(roomId, type, txnId, content));
        return "$e" + sent.size();
    }

    /** A redaction is recorded as an {@code m.room.redaction} with {@code redacts}. */
    @Override
    public String redact(String roomId, String eventId, String txnId) {
        return send(
                roomId,
                "m.room.redaction",
                txnId,
                tools.jackson.databind.json.JsonMapper.builder()
                        .build()
                        .createObjectNode()
                        .put("redacts", eventId));
    }

    @Override
    public String userId() {
        return "@bot:test";
    }

    @Override
    public JsonNode sync(String since, long timeoutMs) {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode initialSync() {
        throw new UnsupportedOperationException();
    }

    @Override
    public JsonNode messagesBefore(String roomId, String from, String to, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void join(String roomId) {}

    @Override
    public void leave(String roomId) {}

    @Override
    public void typing(String roomId, boolean typing, long timeoutMs) {}

    @Override
    public String putState(String roomId, String type, String stateKey, ObjectNode content) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void readMarkers(String roomId, String eventId) {}

    @Override
    public String upload(byte[] content, String contentType, String fileName) {
        return "mxc://test/" + fileName;
    }

    @Override
    public byte[] download(String mxc, long maxBytes) {
        throw new UnsupportedOperationException();
    }
}
