package dev.ductor.testkit.matrix;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful, strict fake of a Matrix homeserver's client-server API (v3) on 127.0.0.1 with an ephemeral
 * port: password and token login, {@code /sync} with {@code since} and {@code timeout} long polling, rooms,
 * invites and membership, sending with transaction ids (a repeated txn id of the same device returns the
 * first event, as a real homeserver does), reactions, redactions, relations (replies, threads), room state
 * under power levels (pins), read markers, media upload and download (v3 and the authenticated v1 path),
 * typing, and 429 {@code M_LIMIT_EXCEEDED} with {@code retry_after_ms} on demand.
 *
 * <p>It refuses what Synapse refuses for the calls a bot makes: a known endpoint called with the wrong method
 * (405 {@code M_UNRECOGNIZED}), a relation to an unknown event or one in another room, the same reaction twice
 * ({@code M_DUPLICATE_ANNOTATION}), a thread started from an event that has a relation itself, room state set
 * below the power level it needs (50; the creator has 100, others 0 unless {@link #setPowerLevel}), a read
 * marker for an event not in the room. Two checks are stricter than a real homeserver: a transaction id used
 * again with different content is refused (400), where Synapse would answer with the first event and
 * silently drop the second message; and an edit ({@code m.replace}) that clients would ignore — of another
 * sender's event, of an edit, without an {@code m.new_content} message — is refused (400), where Synapse keeps
 * it and clients show the old text; so a test sees either loss. {@link #shown} is an event's text as clients
 * show it, after its edits.
 *
 * <p>The test plays the people in the rooms ({@link #createRoom}, {@link #invite}, {@link #userSends},
 * {@link #userReacts}, {@link #userSendsFile}) and inspects what the bot made visible ({@link #messages},
 * {@link #botMessages}) and what it called ({@link #requests}, {@link #awaitRequests}).
 */
public final class FakeHomeserver implements AutoCloseable {

    public static final String SERVER_NAME = "fake.test";
    private static final String CLIENT = "/_matrix/client/v3";
    private static final Pattern ROOM_PATH = Pattern.compile(CLIENT + "/rooms/([^/]+)/(.+)");
    /** Synapse's default: a room's timeline in a sync answer holds at most this many events unless a filter says. */
    public static final int DEFAULT_TIMELINE_LIMIT = 10;
    /** The power level setting room state needs ({@code state_default}). */
    private static final int STATE_DEFAULT = 50;
    /** Endpoints outside a room and the methods a homeserver takes on them: any other is a 405. */
    private static final Map<Pattern, Set<String>> KNOWN_CALLS = Map.of(
            Pattern.compile(CLIENT + "/login"), Set.of("GET", "POST"),
            Pattern.compile(CLIENT + "/sync"), Set.of("GET"),
            Pattern.compile(CLIENT + "/account/whoami"), Set.of("GET"),
            Pattern.compile(CLIENT + "/join/.+"), Set.of("POST"),
            Pattern.compile(CLIENT + "/user/[^/]+/filter"), Set.of("POST"),
            Pattern.compile("/_matrix/media/v3/upload"), Set.of("POST"),
            Pattern.compile("/_matrix/client/v1/media/download/.+"), Set.of("GET"));
    /** Endpoints of a room (the path after {@code /rooms/<id>/}) and the methods a homeserver takes on them. */
    private static final Map<Pattern, Set<String>> KNOWN_ROOM_CALLS = Map.of(
            Pattern.compile("send/[^/]+/[^/]+"), Set.of("PUT"),
            Pattern.compile("redact/[^/]+/[^/]+"), Set.of("PUT"),
            Pattern.compile("state/[^/]+(/[^/]*)?"), Set.of("GET", "PUT"),
            Pattern.compile("typing/[^/]+"), Set.of("PUT"),
            Pattern.compile("read_markers"), Set.of("POST"),
            Pattern.compile("messages"), Set.of("GET"),
            Pattern.compile("joined_members"), Set.of("GET"),
            Pattern.compile("join"), Set.of("POST"),
            Pattern.compile("leave"), Set.of("POST"));

    private static final Pattern USER_FILTER = Pattern.compile(CLIENT + "/user/([^/]+)/filter");

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final Object lock = new Object();
    private final Map<String, String> passwords = new HashMap<>();
    /** access token → device (user id, device id). */
    private final Map<String, Device> tokens = new HashMap<>();

    private final Map<String, Room> rooms = new LinkedHashMap<>();
    /** Every event, in stream order; a sync token {@code s<n>} has seen the first n. */
    private final List<Event> stream = new ArrayList<>();
    /** "device id|room|txn" → event id. */
    private final Map<String, Transaction> transactions = new HashMap<>();

    private final Map<String, Media> media = new HashMap<>();
    private final AtomicInteger ids = new AtomicInteger();
    /** "user id|filter id" → the filter the user uploaded. */
    private final Map<String, JsonNode> filters = new HashMap<>();

    private int failingCalls;
    private int failingStatus;
    private @Nullable String failingPath;
    private int rateLimitedCalls;
    private long retryAfterMs;
    private @Nullable String rateLimitedPath;
    private volatile @Nullable String heldPath;
    private volatile Duration held = Duration.ZERO;
    private final List<HeldAnswer> holding = new java.util.concurrent.CopyOnWriteArrayList<>();

    private FakeHomeserver() throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeHomeserver start() {
        try {
            return new FakeHomeserver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- accounts

    /** Registers {@code @localpart:fake.test} with a password; returns the user id. */
    public String registerUser(String localpart, String password) {
        String userId = "@" + localpart + ":" + SERVER_NAME;
        synchronized (lock) {
            passwords.put(userId, password);
        }
        return userId;
    }

    /** An access token for {@code userId} on a new device, as an admin would hand one out. */
    public Device issueToken(String userId) {
        synchronized (lock) {
            Device device = new Device(userId, "DEV" + ids.incrementAndGet(), "tok_" + ids.incrementAndGet());
            tokens.put(device.accessToken(), device);
            return device;
        }
    }

    /** How many logins (POST /login) succeeded. */
    public long logins() {
        return requests("POST", "/login").stream()
                .filter(r -> r.status() == 200)
                .count();
    }

    // ---------------------------------------------------------------- the people in the rooms

    /**
     * {@code creator} creates a room; {@code name} null makes it look like a DM (no name, no alias) while it
     * has at most two members; {@code encrypted} adds an {@code m.room.encryption} state event.
     */
    public String createRoom(String creator, @Nullable String name, boolean encrypted) {
        synchronized (lock) {
            String roomId = "!r" + ids.incrementAndGet() + ":" + SERVER_NAME;
            Room room = new Room(roomId, creator);
            rooms.put(roomId, room);
            append(room, creator, "m.room.create", creator(creator), "");
            setMembership(room, creator, creator, "join");
            if (name != null) {
                append(room, creator, "m.room.name", Map.of("name", name), "");
            }
            if (encrypted) {
                append(room, creator, "m.room.encryption", Map.of("algorithm", "m.megolm.v1.aes-sha2"), "");
            }
            return roomId;
        }
    }

    /** {@code inviter} (a member) invites {@code userId}. */
    public void invite(String roomId, String inviter, String userId) {
        synchronized (lock) {
            Room room = room(roomId);
            requireJoined(room, inviter);
            setMembership(room, inviter, userId, "invite");
        }
    }

    /** {@code userId} joins the room directly (a person, not the bot). */
    public void join(String roomId, String userId) {
        synchronized (lock) {
            setMembership(room(roomId), userId, userId, "join");
        }
    }

    /** A member sets the display name it goes by in the room ({@code m.room.member} with {@code displayname}). */
    public void setDisplayName(String roomId, String userId, String name) {
        synchronized (lock) {
            Room room = room(roomId);
            requireJoined(room, userId);
            append(room, userId, "m.room.member", Map.of("membership", "join", "displayname", name), userId);
        }
    }

    /** Gives {@code userId} the power level {@code level} in the room ({@code m.room.power_levels}). */
    public void setPowerLevel(String roomId, String userId, int level) {
        synchronized (lock) {
            Room room = room(roomId);
            room.power.put(userId, level);
            append(room, room.creator, "m.room.power_levels", Map.of("users", Map.copyOf(room.power)), "");
        }
    }

    /** The event up to which {@code userId} marked the room read ({@code read_markers}), if it did. */
    public Optional<String> readMarker(String roomId, String userId) {
        synchronized (lock) {
            return Optional.ofNullable(room(roomId).readUpTo.get(userId));
        }
    }

    /** The room's pinned event ids (its {@code m.room.pinned_events} state). */
    public List<String> pinned(String roomId) {
        synchronized (lock) {
            List<String> pinned = new ArrayList<>();
            room(roomId).state(stream).stream()
                    .filter(e -> e.type().equals("m.room.pinned_events"))
                    .forEach(e -> e.content().path("pinned").forEach(id -> pinned.add(id.asString())));
            return pinned;
        }
    }

    /** A plain-text {@code m.text} from a member; returns the event id. */
    public String userSends(String roomId, String sender, String body) {
        return userSendsContent(roomId, sender, "m.room.message", Map.of("msgtype", "m.text", "body", body));
    }

    /**
     * Several {@code m.text} messages from a member, all at once: a sync running meanwhile sees all or none of
     * them, so more of them than a timeline holds make that room's timeline {@code limited}. Returns their ids.
     */
    public List<String> userSendsAll(String roomId, String sender, List<String> bodies) {
        synchronized (lock) {
            List<String> eventIds = new ArrayList<>();
            for (String body : bodies) {
                eventIds.add(userSends(roomId, sender, body));
            }
            return eventIds;
        }
    }

    /** Any event content from a member; returns the event id. */
    public String userSendsContent(String roomId, String sender, String type, Map<String, ?> content) {
        synchronized (lock) {
            Room room = room(roomId);
            requireJoined(room, sender);
            return append(room, sender, type, content, null).eventId();
        }
    }

    /** A reaction ({@code m.annotation}) of a member with {@code key} on the event {@code eventId}. */
    public String userReacts(String roomId, String sender, String eventId, String key) {
        return userSendsContent(
                roomId,
                sender,
                "m.reaction",
                Map.of("m.relates_to", Map.of("rel_type", "m.annotation", "event_id", eventId, "key", key)));
    }

    /** A member uploads {@code bytes} and posts them as {@code msgtype} ({@code m.file}, {@code m.image}, …). */
    public String userSendsFile(
            String roomId, String sender, String msgtype, String fileName, String mimetype, byte[] bytes) {
        String mxc = storeMedia(bytes, mimetype, fileName);
        return userSendsContent(
                roomId,
                sender,
                "m.room.message",
                Map.of(
                        "msgtype", msgtype,
                        "body", fileName,
                        "url", mxc,
                        "info", Map.of("mimetype", mimetype, "size", bytes.length)));
    }

    /** Puts content in the media repository; returns its {@code mxc://} uri. */
    public String storeMedia(byte[] bytes, String mimetype, String fileName) {
        synchronized (lock) {
            String id = "m" + ids.incrementAndGet();
            media.put(id, new Media(bytes.clone(), mimetype, fileName));
            return "mxc://" + SERVER_NAME + "/" + id;
        }
    }

    /** The bytes behind an {@code mxc://} uri. */
    public Optional<byte[]> media(String mxc) {
        synchronized (lock) {
            Media found = media.get(mxc.substring(mxc.lastIndexOf('/') + 1));
            return Optional.ofNullable(found).map(m -> m.bytes().clone());
        }
    }

    // ---------------------------------------------------------------- faults

    /**
     * The next {@code calls} requests whose path contains {@code pathPart} are answered 429
     * {@code M_LIMIT_EXCEEDED} with {@code retry_after_ms}.
     */
    public void rateLimit(String pathPart, int calls, long retryAfterMs) {
        synchronized (lock) {
            this.rateLimitedPath = pathPart;
            this.rateLimitedCalls = calls;
            this.retryAfterMs = retryAfterMs;
        }
    }

    /**
     * The next {@code calls} requests whose path contains {@code pathPart} fail without taking effect:
     * {@code status} 0 drops the connection without an answer (the homeserver unreachable), any other status
     * is answered with {@code M_UNKNOWN} (a 502 of a proxy in front of it, a 500, …).
     */
    public void fail(String pathPart, int calls, int status) {
        synchronized (lock) {
            this.failingPath = pathPart;
            this.failingCalls = calls;
            this.failingStatus = status;
        }
    }

    /**
     * Requests whose path contains {@code pathPart} take effect at once but are answered only after
     * {@code delay} (null: no more holding), so a client can be killed after the homeserver did what it asked
     * and before it heard so.
     */
    public void holdAnswers(@Nullable String pathPart, Duration delay) {
        this.held = delay;
        this.heldPath = pathPart;
    }

    // ---------------------------------------------------------------- inspection

    /** The room's visible timeline events of {@code type} (redacted ones have empty content), in order. */
    public List<Event> events(String roomId, String type) {
        synchronized (lock) {
            return stream.stream()
                    .filter(e -> e.roomId().equals(roomId) && e.type().equals(type))
                    .toList();
        }
    }

    /** The {@code m.room.message} events in the room, in order. */
    public List<Event> messages(String roomId) {
        return events(roomId, "m.room.message");
    }

    /** The {@code m.room.message} events {@code sender} posted in the room. */
    public List<Event> messagesFrom(String roomId, String sender) {
        return messages(roomId).stream().filter(e -> e.sender().equals(sender)).toList();
    }

    /** Alias of {@link #messagesFrom}: what a bot posted. */
    public List<Event> botMessages(String roomId, String botUserId) {
        return messagesFrom(roomId, botUserId);
    }

    /**
     * What clients show for {@code eventId}: the {@code m.new_content} body of its latest edit not redacted
     * ({@code m.replace} by the same sender), else its own body; empty once it is redacted.
     */
    public String shown(String eventId) {
        synchronized (lock) {
            Event original = event(eventId).orElseThrow(() -> new IllegalArgumentException("No event " + eventId));
            String shown = original.body();
            for (Event e : stream) {
                JsonNode relation = e.content().path("m.relates_to");
                if (e.type().equals("m.room.message")
                        && e.sender().equals(original.sender())
                        && "m.replace".equals(relation.path("rel_type").asString(""))
                        && eventId.equals(relation.path("event_id").asString(""))) {
                    shown = e.content().path("m.new_content").path("body").asString("");
                }
            }
            return original.isRedacted() ? "" : shown;
        }
    }

    public Optional<Event> event(String eventId) {
        synchronized (lock) {
            return stream.stream().filter(e -> e.eventId().equals(eventId)).findFirst();
        }
    }

    /** The membership of {@code userId} in the room ({@code join}, {@code invite}, {@code leave}) or null. */
    public @Nullable String membership(String roomId, String userId) {
        synchronized (lock) {
            return room(roomId).members.get(userId);
        }
    }

    /** Whether {@code userId} is shown as typing in the room now. */
    public boolean typing(String roomId, String userId) {
        synchronized (lock) {
            return room(roomId).typing.containsKey(userId);
        }
    }

    /**
     * The answers {@link #holdAnswers} holds back right now: the call took effect and its answer (a {@code /sync}
     * carrying a message, say) is made but the client has not received it yet.
     */
    public List<HeldAnswer> heldAnswers() {
        return List.copyOf(holding);
    }

    public List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Requests with this HTTP method whose path contains {@code pathPart}. */
    public List<Request> requests(String method, String pathPart) {
        return requests.stream()
                .filter(r -> r.method().equals(method) && r.path().contains(pathPart))
                .toList();
    }

    /** Waits until at least {@code n} requests with {@code method} and {@code pathPart} were answered. */
    public List<Request> awaitRequests(String method, String pathPart, int n, Duration timeout) {
        return awaitRequests(r -> r.method().equals(method) && r.path().contains(pathPart), n, timeout);
    }

    public List<Request> awaitRequests(Predicate<Request> which, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests.stream().filter(which).count() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected " + n + " matching requests within " + timeout + ", got "
                            + requests.stream().filter(which).count());
                }
                try {
                    requests.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted", e);
                }
            }
            return requests.stream().filter(which).toList();
        }
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        URI uri = exchange.getRequestURI();
        String path = uri.getRawPath();
        byte[] body = exchange.getRequestBody().readAllBytes();
        Reply reply;
        try {
            reply = route(exchange, method, path, query(uri.getRawQuery()), body);
        } catch (Unreachable e) {
            synchronized (requests) {
                requests.add(new Request(method, path, new String(body, StandardCharsets.UTF_8), 0));
                requests.notifyAll();
            }
            throw new IOException("no answer, on purpose"); // the server closes the connection unanswered
        } catch (MatrixError e) {
            reply = Reply.json(e.status, error(e.errcode, e.getMessage()));
        } catch (JacksonException e) {
            reply = Reply.json(400, error("M_NOT_JSON", "Content not JSON."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reply = Reply.json(503, error("M_UNKNOWN", "shutting down"));
        } catch (RuntimeException e) {
            reply = Reply.json(500, error("M_UNKNOWN", String.valueOf(e)));
        }
        String hold = heldPath;
        if (hold != null && path.contains(hold)) {
            HeldAnswer answer = new HeldAnswer(method, path, new String(reply.body(), StandardCharsets.UTF_8));
            holding.add(answer);
            try {
                Thread.sleep(held); // the call took effect; its answer is late (a client may die waiting)
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                holding.remove(answer);
            }
        }
        exchange.getResponseHeaders().set("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.body().length == 0 ? -1 : reply.body().length);
        if (reply.body().length > 0) {
            exchange.getResponseBody().write(reply.body());
        }
        exchange.close();
        synchronized (requests) {
            requests.add(new Request(method, path, new String(body, StandardCharsets.UTF_8), reply.status()));
            requests.notifyAll();
        }
    }

    private Reply route(HttpExchange exchange, String method, String path, Map<String, String> query, byte[] body)
            throws InterruptedException {
        int failure = failing(path);
        if (failure == 0) {
            throw new Unreachable();
        }
        if (failure > 0) {
            return Reply.json(failure, error("M_UNKNOWN", "Internal server error"));
        }
        long limitedFor = rateLimited(path);
        if (limitedFor >= 0) {
            ObjectNode err = error("M_LIMIT_EXCEEDED", "Too Many Requests");
            err.put("retry_after_ms", limitedFor);
            return Reply.json(429, err);
        }
        if (method.equals("POST") && path.equals(CLIENT + "/login")) {
            return Reply.json(200, login(json(body)));
        }
        if (method.equals("GET") && path.startsWith("/_matrix/media/v3/download/")) {
            return download(path.substring("/_matrix/media/v3/download/".length()));
        }
        Device device = authenticate(exchange, query);
        if (method.equals("GET") && path.startsWith("/_matrix/client/v1/media/download/")) {
            return download(path.substring("/_matrix/client/v1/media/download/".length()));
        }
        if (method.equals("POST") && path.equals("/_matrix/media/v3/upload")) {
            String type = Optional.ofNullable(exchange.getRequestHeaders().getFirst("Content-Type"))
                    .orElseThrow(() -> new MatrixError(400, "M_MISSING_PARAM", "Content-Type missing"));
            String mxc = storeMedia(body, type, query.getOrDefault("filename", "upload"));
            return Reply.json(200, mapper.createObjectNode().put("content_uri", mxc));
        }
        if (method.equals("GET") && path.equals(CLIENT + "/account/whoami")) {
            return Reply.json(
                    200,
                    mapper.createObjectNode().put("user_id", device.userId()).put("device_id", device.deviceId()));
        }
        if (method.equals("GET") && path.equals(CLIENT + "/sync")) {
            return Reply.json(200, sync(device, query));
        }
        if (method.equals("POST") && path.startsWith(CLIENT + "/join/")) {
            requireObject(json(body));
            return Reply.json(200, joinRoom(device, decode(path.substring((CLIENT + "/join/").length()))));
        }
        Matcher userFilter = USER_FILTER.matcher(path);
        if (method.equals("POST") && userFilter.matches()) {
            return Reply.json(200, uploadFilter(device, decode(userFilter.group(1)), json(body)));
        }
        Matcher room = ROOM_PATH.matcher(path);
        if (room.matches()) {
            return roomCall(device, method, decode(room.group(1)), room.group(2), query, body);
        }
        throw unrecognized(method, path, KNOWN_CALLS);
    }

    private Reply roomCall(
            Device device, String method, String roomId, String rest, Map<String, String> query, byte[] body) {
        String[] parts = rest.split("/");
        ObjectNode content = requireObject(json(body));
        synchronized (lock) {
            if (method.equals("POST") && rest.equals("join")) {
                return Reply.json(200, joinRoom(device, roomId));
            }
            Room room = rooms.get(roomId);
            if (room == null) {
                throw new MatrixError(404, "M_NOT_FOUND", "Unknown room " + roomId);
            }
            if (method.equals("POST") && rest.equals("leave")) {
                setMembership(room, device.userId(), device.userId(), "leave");
                return Reply.json(200, mapper.createObjectNode());
            }
            requireJoined(room, device.userId());
            if (method.equals("PUT") && parts.length == 3 && parts[0].equals("send")) {
                return Reply.json(200, sendEvent(device, room, decode(parts[1]), decode(parts[2]), content));
            }
            if (method.equals("PUT") && parts.length == 3 && parts[0].equals("redact")) {
                return Reply.json(200, redact(device, room, decode(parts[1]), decode(parts[2]), content));
            }
            if (method.equals("PUT") && parts.length == 2 && parts[0].equals("typing")) {
                if (!decode(parts[1]).equals(device.userId())
                        || !content.path("typing").isBoolean()) {
                    throw new MatrixError(400, "M_BAD_JSON", "typing needs your own user id and a boolean");
                }
                if (content.get("typing").asBoolean()) {
                    room.typing.put(device.userId(), content.path("timeout").asLong(30_000));
                } else {
                    room.typing.remove(device.userId());
                }
                return Reply.json(200, mapper.createObjectNode());
            }
            if (method.equals("PUT") && parts.length >= 2 && parts[0].equals("state")) {
                String stateKey = parts.length > 2 ? decode(parts[2]) : "";
                if (room.power.getOrDefault(device.userId(), 0) < STATE_DEFAULT) {
                    throw new MatrixError(
                            403,
                            "M_FORBIDDEN",
                            "You don't have permission to post that to the room. user_level ("
                                    + room.power.getOrDefault(device.userId(), 0) + ") < send_level (50)");
                }
                validate(room, device.userId(), decode(parts[1]), content);
                Event event = append(room, device.userId(), decode(parts[1]), content, stateKey);
                return Reply.json(200, mapper.createObjectNode().put("event_id", event.eventId()));
            }
            if (method.equals("POST") && rest.equals("read_markers")) {
                readMarkers(room, device.userId(), content);
                return Reply.json(200, mapper.createObjectNode());
            }
            if (method.equals("GET") && rest.equals("messages")) {
                return Reply.json(200, messages(room, query));
            }
            if (method.equals("GET") && rest.equals("joined_members")) {
                ObjectNode joined = mapper.createObjectNode();
                ObjectNode members = joined.putObject("joined");
                room.members.forEach((user, membership) -> {
                    if (membership.equals("join")) {
                        members.putObject(user);
                    }
                });
                return Reply.json(200, joined);
            }
        }
        throw unrecognized(method, rest, KNOWN_ROOM_CALLS);
    }

    /** 405 for a known endpoint called with another method, as Synapse; 404 for anything else. */
    private static MatrixError unrecognized(String method, String path, Map<Pattern, Set<String>> known) {
        for (Map.Entry<Pattern, Set<String>> endpoint : known.entrySet()) {
            if (endpoint.getKey().matcher(path).matches()
                    && !endpoint.getValue().contains(method)) {
                return new MatrixError(405, "M_UNRECOGNIZED", "Unrecognized request: " + method + " " + path);
            }
        }
        return new MatrixError(404, "M_UNRECOGNIZED", "Unrecognized request: " + method + " " + path);
    }

    private void readMarkers(Room room, String userId, ObjectNode content) {
        if (content.isEmpty()) {
            throw new MatrixError(400, "M_BAD_JSON", "read_markers needs m.fully_read or m.read");
        }
        for (Map.Entry<String, JsonNode> marker : content.properties()) {
            if (!List.of("m.fully_read", "m.read", "m.read.private").contains(marker.getKey())) {
                throw new MatrixError(400, "M_INVALID_PARAM", "Unknown marker " + marker.getKey());
            }
            String eventId = marker.getValue().asString("");
            if (event(eventId).filter(e -> e.roomId().equals(room.roomId)).isEmpty()) {
                throw new MatrixError(400, "M_INVALID_PARAM", "Event " + eventId + " is not in the room");
            }
            room.readUpTo.put(userId, eventId);
        }
    }

    private ObjectNode login(JsonNode body) {
        requireObject(body);
        String type = body.path("type").asString("");
        synchronized (lock) {
            if (type.equals("m.login.password")) {
                String user = body.path("identifier")
                        .path("user")
                        .asString(body.path("user").asString(""));
                String userId = user.startsWith("@") ? user : "@" + user + ":" + SERVER_NAME;
                String password = body.path("password").asString(null);
                if (password == null || !password.equals(passwords.get(userId))) {
                    throw new MatrixError(403, "M_FORBIDDEN", "Invalid username or password");
                }
                String deviceId = body.path("device_id").asString("DEV" + ids.incrementAndGet());
                Device device = new Device(userId, deviceId, "tok_" + ids.incrementAndGet());
                tokens.put(device.accessToken(), device);
                return mapper.createObjectNode()
                        .put("user_id", userId)
                        .put("access_token", device.accessToken())
                        .put("device_id", deviceId)
                        .put("home_server", SERVER_NAME);
            }
            throw new MatrixError(400, "M_UNKNOWN", "Unknown login type " + type);
        }
    }

    private Device authenticate(HttpExchange exchange, Map<String, String> query) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String token = header != null && header.startsWith("Bearer ")
                ? header.substring("Bearer ".length())
                : query.get("access_token");
        if (token == null) {
            throw new MatrixError(401, "M_MISSING_TOKEN", "Missing access token");
        }
        synchronized (lock) {
            Device device = tokens.get(token);
            if (device == null) {
                throw new MatrixError(401, "M_UNKNOWN_TOKEN", "Unknown access token");
            }
            return device;
        }
    }

    private ObjectNode uploadFilter(Device device, String userId, JsonNode filter) {
        if (!userId.equals(device.userId())) {
            throw new MatrixError(403, "M_FORBIDDEN", "Cannot create filters for other users");
        }
        timelineLimit(requireObject(filter));
        synchronized (lock) {
            String id = String.valueOf(ids.incrementAndGet());
            filters.put(userId + "|" + id, filter);
            return mapper.createObjectNode().put("filter_id", id);
        }
    }

    /** The timeline limit of the sync's {@code filter}: inline JSON or the id of an uploaded one. */
    private int syncLimit(Device device, @Nullable String filter) {
        if (filter == null) {
            return DEFAULT_TIMELINE_LIMIT;
        }
        JsonNode node;
        if (filter.startsWith("{")) {
            node = mapper.readTree(filter);
        } else {
            synchronized (lock) {
                node = filters.get(device.userId() + "|" + filter);
            }
            if (node == null) {
                throw new MatrixError(400, "M_INVALID_PARAM", "Invalid filter ID " + filter);
            }
        }
        return timelineLimit(requireObject(node));
    }

    private static int timelineLimit(ObjectNode filter) {
        JsonNode limit = filter.path("room").path("timeline").path("limit");
        if (limit.isMissingNode()) {
            return DEFAULT_TIMELINE_LIMIT;
        }
        if (!limit.isIntegralNumber() || limit.asInt() < 1) {
            throw new MatrixError(400, "M_BAD_JSON", "room.timeline.limit must be a positive integer");
        }
        return limit.asInt();
    }

    /**
     * {@code GET /rooms/{room}/messages}: the room's events from {@code from} ({@code dir=b}: before it,
     * newest first; {@code f}: from it on, oldest first) up to {@code to}, at most {@code limit}; {@code end}
     * continues from the last of them and is left out when no events are left in that direction.
     */
    private ObjectNode messages(Room room, Map<String, String> query) {
        String dir = query.get("dir");
        if (!"b".equals(dir) && !"f".equals(dir)) {
            throw new MatrixError(400, "M_INVALID_PARAM", "dir must be b or f");
        }
        boolean backwards = dir.equals("b");
        int from = query.containsKey("from") ? position(query.get("from")) : backwards ? stream.size() : 0;
        Integer to = query.containsKey("to") ? position(query.get("to")) : null;
        int limit;
        try {
            limit = Integer.parseInt(query.getOrDefault("limit", "10"));
        } catch (NumberFormatException e) {
            throw new MatrixError(400, "M_INVALID_PARAM", "limit must be a number");
        }
        if (limit < 0) {
            throw new MatrixError(400, "M_INVALID_PARAM", "limit must not be negative");
        }
        limit = Math.min(limit, 1000);
        List<Integer> range = new ArrayList<>();
        if (backwards) {
            int stop = to == null ? 0 : to;
            for (int i = Math.min(from, stream.size()) - 1; i >= stop; i--) {
                if (stream.get(i).roomId().equals(room.roomId)) {
                    range.add(i);
                }
            }
        } else {
            int stop = to == null ? stream.size() : Math.min(to, stream.size());
            for (int i = from; i < stop; i++) {
                if (stream.get(i).roomId().equals(room.roomId)) {
                    range.add(i);
                }
            }
        }
        List<Integer> taken = range.subList(0, Math.min(limit, range.size()));
        ObjectNode answer = mapper.createObjectNode();
        answer.put("start", "s" + from);
        ArrayNode chunk = answer.putArray("chunk");
        taken.forEach(i -> chunk.add(stream.get(i).toJson(mapper)));
        if (taken.size() < range.size()) {
            int last = taken.getLast();
            answer.put("end", "s" + (backwards ? last : last + 1));
        }
        return answer;
    }

    private static int position(String token) {
        if (!token.matches("s\\d+")) {
            throw new MatrixError(400, "M_INVALID_PARAM", "Unknown pagination token " + token);
        }
        return Integer.parseInt(token.substring(1));
    }

    private ObjectNode sync(Device device, Map<String, String> query) throws InterruptedException {
        int limit = syncLimit(device, query.get("filter"));
        String since = query.get("since");
        long timeout = Long.parseLong(query.getOrDefault("timeout", "0"));
        if (timeout < 0) {
            throw new MatrixError(400, "M_INVALID_PARAM", "timeout must not be negative");
        }
        int from;
        if (since == null) {
            from = -1;
        } else if (since.matches("s\\d+")) {
            from = Integer.parseInt(since.substring(1));
        } else {
            throw new MatrixError(400, "M_INVALID_PARAM", "Unknown since token " + since);
        }
        long deadline = System.currentTimeMillis() + timeout;
        synchronized (lock) {
            while (from >= 0 && !hasNewFor(device.userId(), from)) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                lock.wait(left);
            }
            return syncBody(device.userId(), from, limit);
        }
    }

    private boolean hasNewFor(String userId, int from) {
        for (int i = from; i < stream.size(); i++) {
            Room room = rooms.get(stream.get(i).roomId());
            if (visibleTo(room, userId, stream.get(i))) {
                return true;
            }
        }
        return false;
    }

    private boolean visibleTo(Room room, String userId, Event event) {
        String membership = room.members.get(userId);
        return "join".equals(membership) || event.type().equals("m.room.member") && userId.equals(event.stateKey());
    }

    private ObjectNode syncBody(String userId, int from, int limit) {
        ObjectNode body = mapper.createObjectNode();
        body.put("next_batch", "s" + stream.size());
        ObjectNode roomsNode = body.putObject("rooms");
        ObjectNode join = roomsNode.putObject("join");
        ObjectNode invite = roomsNode.putObject("invite");
        ObjectNode leave = roomsNode.putObject("leave");
        for (Room room : rooms.values()) {
            String membership = room.members.get(userId);
            if ("join".equals(membership)) {
                List<Integer> positions = room.positions(stream, Math.max(from, 0));
                boolean initial = from < 0;
                if (!initial && positions.isEmpty()) {
                    continue;
                }
                boolean limited = positions.size() > limit;
                if (limited) {
                    positions = positions.subList(positions.size() - limit, positions.size());
                }
                List<Event> events = positions.stream().map(stream::get).toList();
                ObjectNode node = join.putObject(room.roomId);
                ArrayNode state = node.putObject("state").putArray("events");
                if (initial || from <= room.joinedAt.getOrDefault(userId, 0)) { // the join is news: the full state
                    room.state(stream).forEach(e -> state.add(e.toJson(mapper)));
                }
                ObjectNode timeline = node.putObject("timeline");
                timeline.put("limited", limited);
                timeline.put("prev_batch", "s" + (positions.isEmpty() ? Math.max(from, 0) : positions.getFirst()));
                ArrayNode timelineEvents = timeline.putArray("events");
                events.forEach(e -> timelineEvents.add(e.toJson(mapper)));
                ObjectNode summary = node.putObject("summary");
                summary.put("m.joined_member_count", room.count("join"));
                summary.put("m.invited_member_count", room.count("invite"));
            } else if ("invite".equals(membership)) {
                int invitedAt = room.invitedAt.getOrDefault(userId, 0);
                if (from >= 0 && invitedAt < from) {
                    continue;
                }
                ArrayNode state =
                        invite.putObject(room.roomId).putObject("invite_state").putArray("events");
                room.state(stream).forEach(e -> state.add(e.toStrippedJson(mapper)));
            } else if ("leave".equals(membership) && from >= 0 && room.leftAt.getOrDefault(userId, -1) >= from) {
                leave.putObject(room.roomId).putObject("timeline").putArray("events");
            }
        }
        return body;
    }

    private ObjectNode joinRoom(Device device, String roomId) {
        synchronized (lock) {
            Room room = rooms.get(roomId);
            if (room == null) {
                throw new MatrixError(404, "M_NOT_FOUND", "No known servers for " + roomId);
            }
            String membership = room.members.get(device.userId());
            if (!"invite".equals(membership) && !"join".equals(membership)) {
                throw new MatrixError(403, "M_FORBIDDEN", "You are not invited to this room.");
            }
            if (!"join".equals(membership)) {
                setMembership(room, device.userId(), device.userId(), "join");
            }
            return mapper.createObjectNode().put("room_id", roomId);
        }
    }

    private ObjectNode sendEvent(Device device, Room room, String type, String txnId, ObjectNode content) {
        String txnKey = device.deviceId() + "|" + room.roomId + "|" + type + "|" + txnId;
        Transaction earlier = transactions.get(txnKey);
        if (earlier != null) {
            if (!earlier.content().equals(content)) {
                throw new MatrixError(
                        400,
                        "M_UNKNOWN",
                        "Transaction " + txnId + " was used before with other content: a real homeserver would"
                                + " answer with the first event and drop this message");
            }
            return mapper.createObjectNode().put("event_id", earlier.eventId());
        }
        validate(room, device.userId(), type, content);
        Event event = append(room, device.userId(), type, content, null);
        transactions.put(txnKey, new Transaction(event.eventId(), content.deepCopy()));
        return mapper.createObjectNode().put("event_id", event.eventId());
    }

    private ObjectNode redact(Device device, Room room, String eventId, String txnId, ObjectNode content) {
        String txnKey = device.deviceId() + "|" + room.roomId + "|redact|" + txnId;
        Transaction earlier = transactions.get(txnKey);
        if (earlier != null) {
            return mapper.createObjectNode().put("event_id", earlier.eventId());
        }
        int index = -1;
        for (int i = 0; i < stream.size(); i++) {
            if (stream.get(i).eventId().equals(eventId)
                    && stream.get(i).roomId().equals(room.roomId)) {
                index = i;
            }
        }
        if (index < 0) {
            throw new MatrixError(404, "M_NOT_FOUND", "Unknown event " + eventId);
        }
        Event target = stream.get(index);
        if (!target.sender().equals(device.userId())) {
            throw new MatrixError(403, "M_FORBIDDEN", "You may only redact your own events here");
        }
        stream.set(index, target.redacted());
        ObjectNode redaction = mapper.createObjectNode();
        redaction.put("redacts", eventId);
        if (content.has("reason")) {
            redaction.set("reason", content.get("reason"));
        }
        Event event = append(room, device.userId(), "m.room.redaction", redaction, null);
        transactions.put(txnKey, new Transaction(event.eventId(), content.deepCopy()));
        return mapper.createObjectNode().put("event_id", event.eventId());
    }

    /** What a homeserver (and every client reading the room) insists on for the events a bot sends. */
    private void validate(Room room, String sender, String type, ObjectNode content) {
        validateRelation(room, sender, content);
        switch (type) {
            case "m.room.message" -> {
                String msgtype = content.path("msgtype").asString(null);
                if (msgtype == null || !content.path("body").isString()) {
                    throw new MatrixError(400, "M_BAD_JSON", "m.room.message needs msgtype and a string body");
                }
                if (content.has("format")
                        && (!"org.matrix.custom.html"
                                        .equals(content.get("format").asString(""))
                                || !content.path("formatted_body").isString())) {
                    throw new MatrixError(
                            400, "M_BAD_JSON", "format must be org.matrix.custom.html with a formatted_body");
                }
                if (List.of("m.image", "m.file", "m.audio", "m.video").contains(msgtype)) {
                    String url = content.path("url").asString("");
                    if (!url.startsWith("mxc://") || media(url).isEmpty()) {
                        throw new MatrixError(400, "M_BAD_JSON", msgtype + " needs the mxc url of uploaded media");
                    }
                }
            }
            case "m.reaction" -> {
                JsonNode relation = content.path("m.relates_to");
                if (!"m.annotation".equals(relation.path("rel_type").asString(""))
                        || !relation.path("event_id").isString()
                        || !relation.path("key").isString()) {
                    throw new MatrixError(400, "M_BAD_JSON", "m.reaction needs an m.annotation relation with a key");
                }
            }
            default -> {
                if (!type.matches("[a-z][a-z0-9._]*")) {
                    throw new MatrixError(400, "M_BAD_JSON", "Bad event type " + type);
                }
            }
        }
    }

    /**
     * Synapse's checks of {@code m.relates_to} with a {@code rel_type}: the parent exists in this room, the same
     * annotation is not sent twice by one sender, a thread is not started from an event with a relation.
     */
    private void validateRelation(Room room, String sender, ObjectNode content) {
        JsonNode relation = content.path("m.relates_to");
        if (relation.isMissingNode()) {
            return;
        }
        if (!relation.isObject()) {
            throw new MatrixError(400, "M_BAD_JSON", "m.relates_to must be an object");
        }
        JsonNode reply = relation.path("m.in_reply_to");
        if (!reply.isMissingNode() && !reply.path("event_id").isString()) {
            throw new MatrixError(400, "M_BAD_JSON", "m.in_reply_to needs an event_id");
        }
        String relType = relation.path("rel_type").asString(null);
        if (relType == null) {
            return;
        }
        String parentId = relation.path("event_id").asString(null);
        if (parentId == null) {
            throw new MatrixError(400, "M_BAD_JSON", "A relation needs the event_id it relates to");
        }
        Event parent = event(parentId)
                .orElseThrow(() -> new MatrixError(400, "M_UNKNOWN", "Can't send relation to unknown event"));
        if (!parent.roomId().equals(room.roomId)) {
            throw new MatrixError(400, "M_UNKNOWN", "Relations must be in the same room");
        }
        if (relType.equals("m.annotation")) {
            String key = relation.path("key").asString("");
            boolean again = stream.stream()
                    .anyMatch(e -> e.type().equals("m.reaction")
                            && e.sender().equals(sender)
                            && e.content()
                                    .path("m.relates_to")
                                    .path("event_id")
                                    .asString("")
                                    .equals(parentId)
                            && e.content()
                                    .path("m.relates_to")
                                    .path("key")
                                    .asString("")
                                    .equals(key));
            if (again) {
                throw new MatrixError(400, "M_DUPLICATE_ANNOTATION", "Can't send same reaction twice");
            }
        }
        if (relType.equals("m.replace")) {
            JsonNode newContent = content.path("m.new_content");
            if (!parent.sender().equals(sender)
                    || "m.replace"
                            .equals(parent.content()
                                    .path("m.relates_to")
                                    .path("rel_type")
                                    .asString(""))
                    || !newContent.path("msgtype").isString()
                    || !newContent.path("body").isString()) {
                throw new MatrixError(
                        400, "M_BAD_JSON", "An edit replaces its sender's own message with an m.new_content message");
            }
        }
        if (relType.equals("m.thread") && parent.content().path("m.relates_to").has("rel_type")) {
            throw new MatrixError(400, "M_UNKNOWN", "Cannot start threads from an event with a relation");
        }
    }

    private Reply download(String rest) {
        String[] parts = rest.split("/");
        synchronized (lock) {
            Media found = parts.length >= 2 && parts[0].equals(SERVER_NAME) ? media.get(parts[1]) : null;
            if (found == null) {
                throw new MatrixError(404, "M_NOT_FOUND", "Not found");
            }
            return new Reply(200, found.mimetype(), found.bytes().clone());
        }
    }

    /** The status a {@link #fail} fault answers {@code path} with (0: no answer), or -1. */
    private int failing(String path) {
        synchronized (lock) {
            if (failingCalls > 0 && failingPath != null && path.contains(failingPath)) {
                failingCalls--;
                return failingStatus;
            }
            return -1;
        }
    }

    private long rateLimited(String path) {
        synchronized (lock) {
            if (rateLimitedCalls > 0 && rateLimitedPath != null && path.contains(rateLimitedPath)) {
                rateLimitedCalls--;
                return retryAfterMs;
            }
            return -1;
        }
    }

    // ---------------------------------------------------------------- state

    private Event append(Room room, String sender, String type, Object content, @Nullable String stateKey) {
        ObjectNode node = content instanceof ObjectNode object ? object.deepCopy() : mapper.valueToTree(content);
        Event event = new Event(
                "$e" + ids.incrementAndGet() + ":" + SERVER_NAME,
                room.roomId,
                sender,
                type,
                stateKey,
                node,
                System.currentTimeMillis());
        stream.add(event);
        lock.notifyAll();
        return event;
    }

    private void setMembership(Room room, String sender, String userId, String membership) {
        int position = stream.size();
        room.members.put(userId, membership);
        switch (membership) {
            case "join" -> room.joinedAt.put(userId, position);
            case "invite" -> room.invitedAt.put(userId, position);
            default -> room.leftAt.put(userId, position);
        }
        append(room, sender, "m.room.member", Map.of("membership", membership), userId);
    }

    private Room room(String roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            throw new IllegalArgumentException("No room " + roomId);
        }
        return room;
    }

    private static void requireJoined(Room room, String userId) {
        if (!"join".equals(room.members.get(userId))) {
            throw new MatrixError(403, "M_FORBIDDEN", userId + " is not in room " + room.roomId);
        }
    }

    private static Map<String, String> creator(String creator) {
        return Map.of("creator", creator, "room_version", "10");
    }

    private JsonNode json(byte[] body) {
        return body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
    }

    private static ObjectNode requireObject(JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new MatrixError(400, "M_BAD_JSON", "Body must be a JSON object");
        }
        return object;
    }

    private ObjectNode error(String errcode, String message) {
        return mapper.createObjectNode().put("errcode", errcode).put("error", message);
    }

    private static Map<String, String> query(@Nullable String raw) {
        Map<String, String> query = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    query.put(decode(pair.substring(0, eq)), decode(pair.substring(eq + 1)));
                }
            }
        }
        return query;
    }

    private static String decode(String part) {
        return URLDecoder.decode(part, StandardCharsets.UTF_8);
    }

    /** A device of a user: what an access token stands for. */
    public record Device(String userId, String deviceId, String accessToken) {}

    /** One call the client made and the status it got. */
    public record Request(String method, String path, String body, int status) {}

    /** An answer held back: the request's method and path, and the body of the answer waiting to be sent. */
    public record HeldAnswer(String method, String path, String body) {}

    /** A room event as the homeserver stores it. */
    public record Event(
            String eventId,
            String roomId,
            String sender,
            String type,
            @Nullable String stateKey,
            ObjectNode content,
            long originServerTs) {

        public String body() {
            return content.path("body").asString("");
        }

        public @Nullable String formattedBody() {
            return content.path("formatted_body").asString(null);
        }

        public boolean isRedacted() {
            return content.isEmpty() && !type.equals("m.room.redaction");
        }

        Event redacted() {
            return new Event(eventId, roomId, sender, type, stateKey, content.objectNode(), originServerTs);
        }

        ObjectNode toJson(JsonMapper mapper) {
            ObjectNode node = toStrippedJson(mapper);
            node.put("event_id", eventId);
            node.put("origin_server_ts", originServerTs);
            return node;
        }

        ObjectNode toStrippedJson(JsonMapper mapper) {
            ObjectNode node = mapper.createObjectNode();
            node.put("type", type);
            node.put("sender", sender);
            if (stateKey != null) {
                node.put("state_key", stateKey);
            }
            node.set("content", content.deepCopy());
            return node;
        }
    }

    private record Media(byte[] bytes, String mimetype, String fileName) {}

    /** A transaction of a device: the event it made and the content it was made with. */
    private record Transaction(String eventId, JsonNode content) {}

    private record Reply(int status, String contentType, byte[] body) {
        static Reply json(int status, JsonNode node) {
            return new Reply(status, "application/json", node.toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final class Room {
        final String roomId;
        final Map<String, String> members = new LinkedHashMap<>();
        final Map<String, Integer> joinedAt = new HashMap<>();
        final Map<String, Integer> invitedAt = new HashMap<>();
        final Map<String, Integer> leftAt = new HashMap<>();
        final Map<String, Long> typing = new HashMap<>();

        final String creator;
        /** Power levels of users who have one other than 0 ({@code m.room.power_levels}'s {@code users}). */
        final Map<String, Integer> power = new LinkedHashMap<>();

        final Map<String, String> readUpTo = new HashMap<>();

        Room(String roomId, String creator) {
            this.roomId = roomId;
            this.creator = creator;
            power.put(creator, 100);
        }

        /** The positions in the stream of this room's events from {@code from} on. */
        List<Integer> positions(List<Event> stream, int from) {
            List<Integer> positions = new ArrayList<>();
            for (int i = from; i < stream.size(); i++) {
                if (stream.get(i).roomId().equals(roomId)) {
                    positions.add(i);
                }
            }
            return positions;
        }

        /** The current state: the last event of each (type, state key). */
        List<Event> state(List<Event> stream) {
            Map<String, Event> state = new LinkedHashMap<>();
            for (Event event : stream) {
                if (event.roomId().equals(roomId) && event.stateKey() != null) {
                    state.put(event.type() + "|" + event.stateKey(), event);
                }
            }
            return List.copyOf(state.values());
        }

        long count(String membership) {
            return members.values().stream().filter(membership::equals).count();
        }
    }

    /** A call that gets no answer: the connection is dropped. */
    private static final class Unreachable extends RuntimeException {}

    private static final class MatrixError extends RuntimeException {
        final int status;
        final String errcode;

        MatrixError(int status, String errcode, String message) {
            super(message);
            this.status = status;
            this.errcode = errcode;
        }
    }
}
