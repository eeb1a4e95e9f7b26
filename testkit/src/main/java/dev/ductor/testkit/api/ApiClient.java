package dev.ductor.testkit.api;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.SodiumJava;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A client of ductor's {@code /ws} as ductor's apps are (behaviour §10): its own Curve25519 key pair, the
 * plain auth frame, then every frame a libsodium {@code crypto_box} (PyNaCl's {@code Box}): Base64 of a
 * 24-byte nonce and the ciphertext. It keeps every frame it gets, plain before {@code auth_ok} and
 * decrypted after, and whether the server closed the socket.
 */
public final class ApiClient implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final LazySodiumJava SODIUM = new LazySodiumJava(new SodiumJava());
    private static final int NONCE = 24;
    private static final int MAC = 16;

    private final byte[] publicKey = new byte[32];
    private final byte[] secretKey = new byte[32];
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final List<String> undecryptable = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final AtomicInteger pings = new AtomicInteger();
    private volatile byte @Nullable [] serverKey;
    private final WebSocket socket;

    private ApiClient(URI uri) {
        SODIUM.cryptoBoxKeypair(publicKey, secretKey);
        this.socket = HttpClient.newHttpClient()
                .newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .buildAsync(uri, new Listener())
                .join();
    }

    /** Opens {@code ws://host:port/ws} and sends nothing yet. */
    public static ApiClient connect(URI ws) {
        return new ApiClient(ws);
    }

    /** Connects and authenticates with {@code token}; waits for {@code auth_ok}. */
    public static ApiClient authenticated(URI ws, String token, @Nullable Long chatId) {
        ApiClient client = connect(ws);
        client.auth(token, chatId);
        client.await("auth_ok", Duration.ofSeconds(20));
        return client;
    }

    /** This client's public key, Base64. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** Sends the plain auth frame with this client's key. */
    public void auth(String token, @Nullable Long chatId) {
        ObjectNode auth =
                JSON.createObjectNode().put("type", "auth").put("token", token).put("e2e_pk", publicKey());
        if (chatId != null) {
            auth.put("chat_id", chatId);
        }
        sendPlain(auth.toString());
    }

    /** Sends {@code text} as it is, unencrypted (the auth frame, or a frame a broken client would send). */
    public void sendPlain(String text) {
        socket.sendText(text, true).join();
    }

    /** Sends {@code json} encrypted. */
    public void send(String json) {
        byte[] key = serverKey;
        if (key == null) {
            throw new IllegalStateException("no auth_ok yet");
        }
        byte[] message = json.getBytes(StandardCharsets.UTF_8);
        byte[] nonce = SODIUM.randomBytesBuf(NONCE);
        byte[] cipher = new byte[MAC + message.length];
        if (!SODIUM.cryptoBoxEasy(cipher, message, message.length, nonce, key, secretKey)) {
            throw new IllegalStateException("crypto_box_easy failed");
        }
        byte[] frame = Arrays.copyOf(nonce, NONCE + cipher.length);
        System.arraycopy(cipher, 0, frame, NONCE, cipher.length);
        sendPlain(Base64.getEncoder().encodeToString(frame));
    }

    /** Sends an encrypted {@code {"type":"message","text":…}}. */
    public void message(String text) {
        send(JSON.createObjectNode().put("type", "message").put("text", text).toString());
    }

    /** Every frame so far: plain ones before {@code auth_ok}, decrypted ones after. */
    public List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The frames of one {@code type}. */
    public List<JsonNode> frames(String type) {
        return frames.stream()
                .filter(f -> type.equals(f.path("type").asString("")))
                .toList();
    }

    /** Frames that came after {@code auth_ok} and did not decrypt with this client's key. */
    public List<String> undecryptable() {
        return List.copyOf(undecryptable);
    }

    /** The streamed text so far: every {@code text_delta} joined. */
    public String streamed() {
        StringBuilder text = new StringBuilder();
        frames("text_delta").forEach(f -> text.append(f.path("data").asString("")));
        return text.toString();
    }

    /** Waits for a frame of {@code type} and returns the first. */
    public JsonNode await(String type, Duration timeout) {
        return await(f -> type.equals(f.path("type").asString("")), timeout);
    }

    public JsonNode await(Predicate<JsonNode> frame, Duration timeout) {
        Awaitility.await()
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> frames.stream().anyMatch(frame));
        return frames.stream().filter(frame).findFirst().orElseThrow();
    }

    /** How many pings the server sent (the JDK's client answers each with a pong by itself). */
    public int pings() {
        return pings.get();
    }

    /** Whether the server closed the socket (the close code, or -1 for an error). */
    public boolean closedByServer() {
        return closed.isDone();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").exceptionally(e -> null);
        }
        socket.abort();
    }

    private void received(String text) {
        byte[] key = serverKey;
        if (key == null) {
            JsonNode frame = JSON.readTree(text);
            if ("auth_ok".equals(frame.path("type").asString(""))) {
                serverKey = Base64.getDecoder().decode(frame.path("e2e_pk").asString());
            }
            frames.add(frame);
            return;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            byte[] cipher = Arrays.copyOfRange(bytes, NONCE, bytes.length);
            byte[] message = new byte[cipher.length - MAC];
            if (!SODIUM.cryptoBoxOpenEasy(
                    message, cipher, cipher.length, Arrays.copyOf(bytes, NONCE), key, secretKey)) {
                undecryptable.add(text);
                return;
            }
            frames.add(JSON.readTree(new String(message, StandardCharsets.UTF_8)));
        } catch (RuntimeException e) {
            undecryptable.add(text);
        }
    }

    private final class Listener implements WebSocket.Listener {

        private final StringBuilder partial = new StringBuilder();

        @Override
        public @Nullable CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                received(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onPing(WebSocket webSocket, ByteBuffer message) {
            pings.incrementAndGet();
            webSocket.request(1);
            return null;
        }

        @Override
        public @Nullable CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closed.complete(statusCode);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closed.complete(-1);
        }
    }
}
