package dev.ductor.testkit.telegram;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A stateful, strict fake of the Telegram Bot API on 127.0.0.1 with an ephemeral port. The bot under test
 * calls {@code baseUrl() + "/bot" + token + "/" + method}; the test plays the user with
 * {@link #sendUserMessage}, {@link #userMessage} and {@link #injectUpdate}, and inspects what the bot made
 * visible with {@link #chat} and what it called with {@link #requests}.
 */
public final class FakeTelegram implements AutoCloseable {

    public static final int MAX_TEXT = 4096;
    public static final int MAX_CAPTION = 1024;

    /** The largest file getFile serves (Bot API: 20 MB); a larger one is refused with "file is too big". */
    public static final int MAX_DOWNLOAD_BYTES = 20 * 1024 * 1024;

    private final JsonMapper mapper = JsonMapper.builder().build();
    private final RequestBodies bodies = new RequestBodies(mapper);
    private final String token;
    private final long botId;
    private final String botUsername;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, Function<ObjectNode, JsonNode>> methods = new HashMap<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final AtomicInteger nextCallbackId = new AtomicInteger();
    private final Object lock = new Object();
    private final List<ObjectNode> updates = new ArrayList<>();
    private final Map<Long, Map<Integer, Stored>> chats = new HashMap<>();
    private final Map<Long, Integer> nextMessageId = new HashMap<>();
    private final Map<Long, Integer> pinned = new HashMap<>();
    private final Set<String> deletedTopics = new HashSet<>();
    /** Chats whose sends fail with a fixed error (the bot kicked, …). */
    private final Map<Long, ApiError> refusing = new HashMap<>();

    private final Map<String, byte[]> fileContents = new HashMap<>();
    private final Map<String, String> filePaths = new HashMap<>();
    private JsonNode commands;
    private int nextUpdateId = 1;
    private long lastOffset;
    private volatile @Nullable RateLimits rateLimits;
    private volatile InstantSource clock = InstantSource.system();
    /** While set, Telegram is down: every call gets this HTTP status, or (0) its connection dropped. */
    private volatile @Nullable Integer outage;

    private final AtomicInteger failedDuringOutage = new AtomicInteger();
    private volatile @Nullable Integer downloadFailure;
    /** Whether sendMessageDraft is offered; while not, it answers 404 like a Bot API server before 9.3. */
    private volatile boolean draftsOffered;
    /** The draft each private chat shows now, by chat id. */
    private final Map<Long, Draft> drafts = new HashMap<>();

    /** How long a draft stays visible after its last update (the Bot API: a 30-second preview). */
    public static final Duration DRAFT_LIFETIME = Duration.ofSeconds(30);

    private record Draft(
            int draftId,
            @Nullable Long threadId,
            String text,
            String source,
            @Nullable String parseMode,
            int updates,
            long at) {}

    private FakeTelegram(String token, String botUsername) throws IOException {
        this.token = token;
        this.botUsername = botUsername;
        String idPart = token.contains(":") ? token.substring(0, token.indexOf(':')) : "";
        this.botId = idPart.matches("\\d+") ? Long.parseLong(idPart) : 100_000L;
        this.commands = mapper.createArrayNode();
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        registerMethods();
        server.start();
    }

    /** Starts a fake bot {@code @ductor_test_bot} accepting {@code token}. */
    public static FakeTelegram start(String token) {
        return start(token, "ductor_test_bot");
    }

    public static FakeTelegram start(String token, String botUsername) {
        try {
            return new FakeTelegram(token, botUsername);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public long botId() {
        return botId;
    }

    public String botUsername() {
        return botUsername;
    }

    /** Switches Telegram's flood limits on: over-limit calls get 429 with {@code retry_after}. */
    public FakeTelegram enforceRateLimits(boolean enforce) {
        this.rateLimits = enforce ? new RateLimits() : null;
        return this;
    }

    /**
     * The clock that times the flood limits and the recorded requests; a test running the bot on virtual
     * time passes its virtual clock so both sides agree on how much time passed.
     */
    public FakeTelegram clock(InstantSource clock) {
        this.clock = clock;
        return this;
    }

    /**
     * Telegram goes down: until {@link #endOutage()} every Bot API call and file download is answered
     * with {@code status} (e.g. 502 from Telegram's front), or with {@code status} 0 the connection is
     * dropped without an answer, as a refused or reset connection looks to the client.
     */
    public FakeTelegram outage(int status) {
        this.outage = status;
        return this;
    }

    public FakeTelegram endOutage() {
        this.outage = null;
        return this;
    }

    /**
     * File downloads ({@code /file/bot<token>/…}) answer {@code status} from now on, while getFile still
     * works: the download itself fails.
     */
    public FakeTelegram failDownloads(int status) {
        this.downloadFailure = status;
        return this;
    }

    /**
     * Whether the Bot API offers {@code sendMessageDraft} (Bot API 9.3): a private chat then shows the draft
     * the bot streams, until the bot's next message there or {@link #DRAFT_LIFETIME} after its last update.
     * Off by default: the method then answers 404 "Not Found", as a Bot API server that does not know it.
     */
    public FakeTelegram offerDrafts(boolean offered) {
        this.draftsOffered = offered;
        return this;
    }

    /** The draft {@code chatId} shows now, if any, as a message with id 0. */
    public java.util.Optional<BotMessage> draft(long chatId) {
        synchronized (lock) {
            Draft draft = drafts.get(chatId);
            if (draft == null || clock.millis() - draft.at() > DRAFT_LIFETIME.toMillis()) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(new BotMessage(
                    0,
                    chatId,
                    draft.text(),
                    draft.source(),
                    null,
                    draft.threadId(),
                    draft.parseMode(),
                    List.of(),
                    draft.updates() - 1,
                    false,
                    null));
        }
    }

    /** How many calls failed because of an {@link #outage}. */
    public int failedDuringOutage() {
        return failedDuringOutage.get();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    // ---------------------------------------------------------------- user side

    /** A private-chat text message from {@code userId}; returns its message id. */
    public int sendUserMessage(long chatId, long userId, String text) {
        return userMessage(chatId, userId, text).send();
    }

    /** A builder for richer user messages (groups, topics, replies, entities, username). */
    public UserMessage userMessage(long chatId, long userId, String text) {
        return new UserMessage(this, chatId, userId, text);
    }

    /** Queues any update (callback_query, my_chat_member, ...); {@code update_id} is assigned. Returns it. */
    public int injectUpdate(Map<String, ?> update) {
        return queueUpdate(mapper.valueToTree(update));
    }

    public int injectUpdate(String json) {
        return queueUpdate((ObjectNode) mapper.readTree(json));
    }

    /**
     * The user {@code userId} presses the inline button labelled {@code label} under the bot's message
     * {@code messageId}: queues the {@code callback_query} Telegram would send (the message as it is now,
     * the button's {@code callback_data}). Returns the callback query's id.
     */
    public String pressButton(long chatId, int messageId, long userId, String label) {
        ObjectNode message;
        String data;
        synchronized (lock) {
            Stored stored = chats.getOrDefault(chatId, Map.of()).get(messageId);
            if (stored == null || stored.deleted) {
                throw new IllegalStateException("No visible bot message " + messageId + " in chat " + chatId);
            }
            data = stored.snapshot().buttons().stream()
                    .flatMap(List::stream)
                    .filter(button -> button.text().equals(label))
                    .map(FakeButton::callbackData)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(
                            "Bot message " + messageId + " in chat " + chatId + " has no button " + label));
            message = stored.toJson(this);
        }
        String id = "cb-" + nextCallbackId.incrementAndGet();
        ObjectNode update = mapper.createObjectNode();
        ObjectNode query = update.putObject("callback_query");
        query.put("id", id);
        ObjectNode from = query.putObject("from");
        from.put("id", userId);
        from.put("is_bot", false);
        from.put("first_name", "User" + userId);
        query.set("message", message);
        query.put("chat_instance", Long.toString(chatId));
        query.put("data", data);
        queueUpdate(update);
        return id;
    }

    int queueUpdate(ObjectNode update) {
        synchronized (lock) {
            int id = nextUpdateId++;
            update.put("update_id", id);
            updates.add(update);
            lock.notifyAll();
            return id;
        }
    }

    int nextMessageId(long chatId) {
        synchronized (lock) {
            int id = nextMessageId.getOrDefault(chatId, 1);
            nextMessageId.put(chatId, id + 1);
            return id;
        }
    }

    @Nullable
    ObjectNode botMessageJson(long chatId, int messageId) {
        synchronized (lock) {
            Stored stored = chats.getOrDefault(chatId, Map.of()).get(messageId);
            return stored == null ? null : stored.toJson(this);
        }
    }

    JsonMapper mapper() {
        return mapper;
    }

    /** Makes a file downloadable through getFile and {@code /file/bot<token>/<path>}. */
    public void registerFile(String fileId, String filePath, byte[] content) {
        synchronized (lock) {
            filePaths.put(fileId, filePath);
            fileContents.put(filePath, content.clone());
        }
    }

    /** The bot's messages in {@code chatId}, in the order they were sent (deleted ones flagged). */
    /** A forum topic is deleted: sending into it fails as Telegram's "message thread not found". */
    public void deleteTopic(long chatId, long threadId) {
        synchronized (lock) {
            deletedTopics.add(chatId + ":" + threadId);
        }
    }

    /**
     * The bot was removed from a group: sending there fails as Telegram's 403 "Forbidden: bot was kicked
     * from the supergroup chat".
     */
    public void kickBot(long chatId) {
        refuseSends(chatId, 403, "Forbidden: bot was kicked from the supergroup chat");
    }

    /** Every send into {@code chatId} fails from now on with {@code status} and {@code description}. */
    public void refuseSends(long chatId, int status, String description) {
        synchronized (lock) {
            refusing.put(chatId, new ApiError(status, description));
        }
    }

    /** The id of the message pinned last in the chat, if any. */
    public java.util.Optional<Integer> pinned(long chatId) {
        synchronized (lock) {
            return java.util.Optional.ofNullable(pinned.get(chatId));
        }
    }

    public List<BotMessage> chat(long chatId) {
        synchronized (lock) {
            return chats.getOrDefault(chatId, Map.of()).values().stream()
                    .map(Stored::snapshot)
                    .toList();
        }
    }

    /** The visible (not deleted) messages of the bot in {@code chatId}, then its {@link #draft}, if any. */
    public List<BotMessage> visible(long chatId) {
        List<BotMessage> visible =
                new ArrayList<>(chat(chatId).stream().filter(m -> !m.deleted()).toList());
        draft(chatId).ifPresent(visible::add);
        return List.copyOf(visible);
    }

    /** The highest {@code offset} the bot has sent with getUpdates (0 before any). */
    public long confirmedOffset() {
        synchronized (lock) {
            return lastOffset;
        }
    }

    /** Updates not yet confirmed by an offset. */
    public int pendingUpdates() {
        synchronized (lock) {
            return updates.size();
        }
    }

    public JsonNode myCommands() {
        synchronized (lock) {
            return commands.deepCopy();
        }
    }

    /**
     * The SHA-256 of some bytes, lower-case hex: an uploaded file's parameter is recorded with it
     * ({@code "sha256"} beside {@code "filename"} and {@code "size"}), so a test compares the bytes that arrived.
     */
    public static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JVM has SHA-256", impossible);
        }
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    public List<RecordedRequest> requests(String method) {
        return requests.stream()
                .filter(r -> r.method().equalsIgnoreCase(method))
                .toList();
    }

    /** Waits until at least {@code n} calls of {@code method} were answered; returns them. */
    public List<RecordedRequest> awaitRequests(String method, int n, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (requests) {
            while (requests(method).size() < n) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("Expected " + n + " " + method + " calls within " + timeout + ", got "
                            + requests(method).size());
                }
                try {
                    requests.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("Interrupted", e);
                }
            }
        }
        return requests(method);
    }

    public int rateLimited429Count() {
        return rateLimited.get();
    }

    // ---------------------------------------------------------------- HTTP

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Integer down = outage;
            if (down != null) {
                failedDuringOutage.incrementAndGet();
                if (down == 0) {
                    return; // closed without an answer
                }
                respond(exchange, null, down, error(down, "Bad Gateway"));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (path.startsWith("/file/bot")) {
                serveFile(exchange, path.substring("/file/bot".length()));
                return;
            }
            if (!path.startsWith("/bot")) {
                respond(exchange, null, 404, error(404, "Not Found"));
                return;
            }
            String rest = path.substring("/bot".length());
            int slash = rest.indexOf('/');
            String givenToken = slash < 0 ? rest : rest.substring(0, slash);
            String method = slash < 0 ? "" : rest.substring(slash + 1);
            ObjectNode params;
            try {
                params = bodies.parse(
                        exchange.getRequestURI().getRawQuery(),
                        exchange.getRequestHeaders().getFirst("Content-Type"),
                        exchange.getRequestBody().readAllBytes());
            } catch (RuntimeException e) {
                respond(
                        exchange,
                        new RecordedRequest(method, mapper.createObjectNode(), clock.instant(), 400),
                        400,
                        error(400, "Bad Request: can't parse request body"));
                return;
            }
            if (!givenToken.equals(token)) {
                respond(
                        exchange,
                        new RecordedRequest(method, params, clock.instant(), 401),
                        401,
                        error(401, "Unauthorized"));
                return;
            }
            var handler = methods.get(method.toLowerCase(Locale.ROOT));
            if (handler == null) {
                respond(
                        exchange,
                        new RecordedRequest(method, params, clock.instant(), 404),
                        404,
                        error(404, "Not Found"));
                return;
            }
            try {
                JsonNode result = handler.apply(params);
                ObjectNode ok = mapper.createObjectNode();
                ok.put("ok", true);
                ok.set("result", result);
                respond(exchange, new RecordedRequest(method, params, clock.instant(), 200), 200, ok);
            } catch (ApiError e) {
                ObjectNode body = error(e.code, e.getMessage());
                if (e.retryAfter != null) {
                    rateLimited.incrementAndGet();
                    body.putObject("parameters").put("retry_after", e.retryAfter);
                }
                respond(exchange, new RecordedRequest(method, params, clock.instant(), e.code), e.code, body);
            }
        }
    }

    private void serveFile(HttpExchange exchange, String rest) throws IOException {
        Integer failure = downloadFailure;
        if (failure != null) {
            respond(exchange, null, failure, error(failure, "Internal Server Error"));
            return;
        }
        int slash = rest.indexOf('/');
        byte[] content;
        synchronized (lock) {
            content = slash < 0 || !rest.substring(0, slash).equals(token)
                    ? null
                    : fileContents.get(rest.substring(slash + 1));
        }
        if (content == null) {
            respond(exchange, null, 404, error(404, "Not Found"));
            return;
        }
        exchange.sendResponseHeaders(200, content.length);
        exchange.getResponseBody().write(content);
    }

    private void respond(HttpExchange exchange, @Nullable RecordedRequest record, int status, JsonNode body)
            throws IOException {
        byte[] bytes = mapper.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        if (record != null) {
            synchronized (requests) {
                requests.add(record);
                requests.notifyAll();
            }
        }
    }

    private ObjectNode error(int code, String description) {
        ObjectNode body = mapper.createObjectNode();
        body.put("ok", false);
        body.put("error_code", code);
        body.put("description", description);
        return body;
    }

    // ---------------------------------------------------------------- Bot API methods

    private void registerMethods() {
        methods.put("getme", p -> botUser());
        methods.put("getupdates", this::getUpdates);
        methods.put("sendmessage", this::sendMessage);
        methods.put("editmessagetext", this::editMessageText);
        methods.put("editmessagecaption", this::editMessageCaption);
        methods.put("sendmessagedraft", this::sendMessageDraft);
        methods.put("deletemessage", this::deleteMessage);
        methods.put("sendchataction", p -> {
            chatId(p);
            return mapper.getNodeFactory().booleanNode(true);
        });
        methods.put("answercallbackquery", p -> {
            required(p, "callback_query_id");
            return mapper.getNodeFactory().booleanNode(true);
        });
        methods.put("setmycommands", p -> {
            // Telegram's rules: 1-32 lowercase letters, digits and underscores; a description of 1-256 chars.
            for (JsonNode command : p.path("commands")) {
                String name = command.path("command").asString("");
                int length = command.path("description").asString("").length();
                if (!name.matches("[a-z0-9_]{1,32}") || length < 1 || length > 256) {
                    throw new ApiError(400, "Bad Request: BOT_COMMAND_INVALID");
                }
            }
            synchronized (lock) {
                commands = p.has("commands") ? p.get("commands").deepCopy() : mapper.createArrayNode();
            }
            return mapper.getNodeFactory().booleanNode(true);
        });
        methods.put("getmycommands", p -> myCommands());
        methods.put("leavechat", p -> {
            chatId(p);
            return mapper.getNodeFactory().booleanNode(true);
        });
        methods.put("pinchatmessage", this::pinChatMessage);
        methods.put("senddocument", p -> sendMedia(p, "document"));
        methods.put("sendphoto", p -> sendMedia(p, "photo"));
        methods.put("getfile", this::getFile);
    }

    private ObjectNode botUser() {
        ObjectNode me = mapper.createObjectNode();
        me.put("id", botId);
        me.put("is_bot", true);
        me.put("first_name", "ductor test");
        me.put("username", botUsername);
        return me;
    }

    private JsonNode getUpdates(ObjectNode p) {
        long offset = p.path("offset").asLong(0);
        int limit = Math.clamp(p.path("limit").asInt(100), 1, 100);
        long timeoutMs = p.path("timeout").asLong(0) * 1000;
        long deadline = System.currentTimeMillis() + timeoutMs;
        synchronized (lock) {
            if (offset > 0) {
                lastOffset = Math.max(lastOffset, offset);
                updates.removeIf(u -> u.get("update_id").asLong() < offset);
            }
            while (updates.isEmpty()) {
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    break;
                }
                try {
                    lock.wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            ArrayNode result = mapper.createArrayNode();
            updates.stream().limit(limit).forEach(u -> result.add(u.deepCopy()));
            return result;
        }
    }

    private JsonNode sendMessage(ObjectNode p) {
        long chatId = chatId(p);
        String source = p.path("text").asString("");
        String text = checkText(visibleText(p, source));
        limit(chatId);
        Stored stored = store(chatId, p);
        stored.text = text;
        stored.source = source;
        synchronized (lock) {
            drafts.remove(chatId); // the message the draft previewed is there now
        }
        return stored.toJson(this);
    }

    /** Bot API 9.3: a private chat's draft, replaced by each call with the same or another draft id. */
    private JsonNode sendMessageDraft(ObjectNode p) {
        if (!draftsOffered) {
            throw new ApiError(404, "Not Found");
        }
        long chatId = chatId(p);
        if (chatId < 0) {
            throw ApiError.badRequest("drafts can be sent only to private chats");
        }
        int draftId = required(p, "draft_id").asInt();
        if (draftId == 0) {
            throw ApiError.badRequest("draft_id must be non-zero");
        }
        String source = p.path("text").asString("");
        String text = checkText(visibleText(p, source));
        limit(chatId);
        synchronized (lock) {
            ApiError refused = refusing.get(chatId);
            if (refused != null) {
                throw refused;
            }
            Draft before = drafts.get(chatId);
            drafts.put(
                    chatId,
                    new Draft(
                            draftId,
                            p.has("message_thread_id")
                                    ? p.get("message_thread_id").asLong()
                                    : null,
                            text,
                            source,
                            p.has("parse_mode") ? p.get("parse_mode").asString() : null,
                            before == null ? 1 : before.updates() + 1,
                            clock.millis()));
        }
        return mapper.getNodeFactory().booleanNode(true);
    }

    private JsonNode sendMedia(ObjectNode p, String kind) {
        long chatId = chatId(p);
        JsonNode media = p.get(kind);
        if (media == null || media.isNull()) {
            throw ApiError.badRequest("there is no " + kind + " in the request");
        }
        String caption = p.path("caption").asString("");
        String visible = visibleText(p, caption);
        if (visible.length() > MAX_CAPTION) {
            throw ApiError.badRequest("message caption is too long");
        }
        limit(chatId);
        Stored stored = store(chatId, p);
        stored.text = visible;
        stored.source = caption;
        stored.document = media.isObject() ? media.path("filename").asString(kind) : media.asString();
        return stored.toJson(this);
    }

    private Stored store(long chatId, ObjectNode p) {
        synchronized (lock) {
            ApiError refused = refusing.get(chatId);
            if (refused != null) {
                throw refused;
            }
            if (p.has("message_thread_id")
                    && deletedTopics.contains(
                            chatId + ":" + p.get("message_thread_id").asLong())) {
                throw ApiError.badRequest("message thread not found");
            }
            Stored stored = new Stored(nextMessageId(chatId), chatId);
            JsonNode replyParameters = p.get("reply_parameters");
            if (replyParameters != null && replyParameters.has("message_id")) {
                stored.replyTo = replyParameters.get("message_id").asInt();
            } else if (p.has("reply_to_message_id")) {
                stored.replyTo = p.get("reply_to_message_id").asInt();
            }
            if (p.has("message_thread_id")) {
                stored.threadId = p.get("message_thread_id").asLong();
            }
            stored.parseMode = p.has("parse_mode") ? p.get("parse_mode").asString() : null;
            stored.markup = p.get("reply_markup");
            chats.computeIfAbsent(chatId, id -> new LinkedHashMap<>()).put(stored.id, stored);
            return stored;
        }
    }

    /** A photo's or document's caption, as Telegram edits it (its keyboard goes unless one is sent). */
    private JsonNode editMessageCaption(ObjectNode p) {
        long chatId = chatId(p);
        int messageId = required(p, "message_id").asInt();
        String source = p.path("caption").asString("");
        String text = visibleText(p, source);
        if (text.length() > MAX_CAPTION) {
            throw ApiError.badRequest("message caption is too long");
        }
        limit(chatId);
        synchronized (lock) {
            return edited(toEdit(chatId, messageId, true), p, text, source);
        }
    }

    private JsonNode editMessageText(ObjectNode p) {
        long chatId = chatId(p);
        int messageId = required(p, "message_id").asInt();
        String source = p.path("text").asString("");
        String text = checkText(visibleText(p, source));
        synchronized (lock) {
            Stored stored = toEdit(chatId, messageId, false);
            JsonNode markup = p.get("reply_markup");
            if (stored.text.equals(text) && stored.source.equals(source) && sameMarkup(stored.markup, markup)) {
                throw ApiError.badRequest(
                        "message is not modified: specified new message content and reply markup are exactly the"
                                + " same as a current content and reply markup of the message");
            }
        }
        limit(chatId);
        synchronized (lock) {
            return edited(chats.get(chatId).get(messageId), p, text, source);
        }
    }

    /** Under {@code lock}: the message an edit names, there and of the kind it changes (a caption or a text). */
    private Stored toEdit(long chatId, int messageId, boolean caption) {
        Stored stored = chats.getOrDefault(chatId, Map.of()).get(messageId);
        if (stored == null || stored.deleted) {
            throw ApiError.badRequest("message to edit not found");
        }
        if (caption && stored.document == null) {
            throw ApiError.badRequest("there is no caption in the message to edit");
        }
        if (!caption && stored.document != null) {
            throw ApiError.badRequest("there is no text in the message to edit");
        }
        return stored;
    }

    /** Under {@code lock}: {@code stored} with the edit's text, keyboard (gone unless sent) and parse mode. */
    private JsonNode edited(Stored stored, ObjectNode p, String text, String source) {
        stored.text = text;
        stored.source = source;
        stored.markup = p.get("reply_markup");
        stored.parseMode = p.has("parse_mode") ? p.get("parse_mode").asString() : null;
        stored.edits++;
        return stored.toJson(this);
    }

    private static boolean sameMarkup(@Nullable JsonNode a, @Nullable JsonNode b) {
        boolean aEmpty = a == null || a.isNull() || a.path("inline_keyboard").isEmpty();
        boolean bEmpty = b == null || b.isNull() || b.path("inline_keyboard").isEmpty();
        return aEmpty && bEmpty || (!aEmpty && !bEmpty && a.equals(b));
    }

    private JsonNode pinChatMessage(ObjectNode p) {
        long chatId = chatId(p);
        int messageId = required(p, "message_id").asInt();
        synchronized (lock) {
            Stored stored = chats.getOrDefault(chatId, Map.of()).get(messageId);
            if (stored == null || stored.deleted) {
                throw ApiError.badRequest("message to pin not found");
            }
            pinned.put(chatId, messageId);
        }
        return mapper.getNodeFactory().booleanNode(true);
    }

    private JsonNode deleteMessage(ObjectNode p) {
        long chatId = chatId(p);
        int messageId = required(p, "message_id").asInt();
        synchronized (lock) {
            Stored stored = chats.getOrDefault(chatId, Map.of()).get(messageId);
            if (stored == null || stored.deleted) {
                throw ApiError.badRequest("message to delete not found");
            }
            stored.deleted = true;
        }
        return mapper.getNodeFactory().booleanNode(true);
    }

    private JsonNode getFile(ObjectNode p) {
        String fileId = required(p, "file_id").asString();
        synchronized (lock) {
            String path = filePaths.get(fileId);
            if (path == null) {
                throw ApiError.badRequest("invalid file_id");
            }
            if (fileContents.get(path).length > MAX_DOWNLOAD_BYTES) {
                throw ApiError.badRequest("file is too big"); // as the Bot API: it serves at most 20 MB
            }
            ObjectNode file = mapper.createObjectNode();
            file.put("file_id", fileId);
            file.put("file_unique_id", "u" + fileId);
            file.put("file_size", fileContents.get(path).length);
            file.put("file_path", path);
            return file;
        }
    }

    private void limit(long chatId) {
        RateLimits limits = rateLimits;
        if (limits != null) {
            limits.acquire(chatId, clock.millis());
        }
    }

    private static long chatId(ObjectNode p) {
        JsonNode chat = required(p, "chat_id");
        try {
            return Long.parseLong(chat.asString().strip());
        } catch (NumberFormatException e) {
            throw ApiError.badRequest("chat not found");
        }
    }

    private static JsonNode required(ObjectNode p, String name) {
        JsonNode value = p.get(name);
        if (value == null || value.isNull() || value.asString().isEmpty()) {
            throw ApiError.badRequest("parameter \"" + name + "\" is required");
        }
        return value;
    }

    /** The text the user sees: with {@code parse_mode=HTML} the markup is checked and stripped. */
    private static String visibleText(ObjectNode p, String source) {
        String mode = p.path("parse_mode").asString("");
        if (mode.equalsIgnoreCase("HTML")) {
            return TelegramHtml.toPlainText(source);
        }
        if (!mode.isEmpty()) {
            throw ApiError.badRequest("unsupported parse_mode " + mode + " in this fake");
        }
        return source;
    }

    private static String checkText(String text) {
        if (text.isBlank()) {
            throw ApiError.badRequest("message text is empty");
        }
        if (text.length() > MAX_TEXT) {
            throw ApiError.badRequest("message is too long");
        }
        return text;
    }

    /** A bot message as it is now; mutated only under {@link #lock}. */
    private static final class Stored {
        final int id;
        final long chatId;
        String text = "";
        /** The text as sent (with markup when parse_mode was HTML). */
        String source = "";

        @Nullable
        Integer replyTo;

        @Nullable
        Long threadId;

        @Nullable
        String parseMode;

        @Nullable
        JsonNode markup;

        @Nullable
        String document;

        int edits;
        boolean deleted;

        Stored(int id, long chatId) {
            this.id = id;
            this.chatId = chatId;
        }

        BotMessage snapshot() {
            List<List<FakeButton>> buttons = new ArrayList<>();
            if (markup != null) {
                for (JsonNode row : markup.path("inline_keyboard")) {
                    List<FakeButton> line = new ArrayList<>();
                    for (JsonNode button : row) {
                        line.add(new FakeButton(
                                button.path("text").asString(""),
                                button.path("callback_data").asString("")));
                    }
                    buttons.add(List.copyOf(line));
                }
            }
            return new BotMessage(
                    id,
                    chatId,
                    text,
                    source,
                    replyTo,
                    threadId,
                    parseMode,
                    List.copyOf(buttons),
                    edits,
                    deleted,
                    document);
        }

        ObjectNode toJson(FakeTelegram fake) {
            ObjectNode message = fake.mapper.createObjectNode();
            message.put("message_id", id);
            message.set("from", fake.botUser());
            ObjectNode chat = message.putObject("chat");
            chat.put("id", chatId);
            chat.put("type", chatId < 0 ? "supergroup" : "private");
            message.put("date", Instant.now().getEpochSecond());
            if (threadId != null) {
                message.put("message_thread_id", threadId);
                message.put("is_topic_message", true);
            }
            if (document != null) {
                message.putObject("document").put("file_id", "doc-" + id).put("file_name", document);
                if (!text.isEmpty()) {
                    message.put("caption", text);
                }
            } else {
                message.put("text", text);
            }
            if (markup != null && !markup.isNull()) {
                message.set("reply_markup", markup);
            }
            return message;
        }
    }
}
