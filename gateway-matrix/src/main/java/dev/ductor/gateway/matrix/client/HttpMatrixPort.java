package dev.ductor.gateway.matrix.client;

import dev.ductor.logging.SecretMasking;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@link MatrixPort} on the JDK {@link HttpClient}: JSON in and out, the access token only in the
 * {@code Authorization} header (never in a URL or an error message), every call timed and counted by
 * {@link MatrixMetrics}. Before {@link #authenticate} only {@link #passwordLogin} and {@link #whoami} work.
 */
public final class HttpMatrixPort implements MatrixPort {

    private static final String CLIENT = "/_matrix/client/v3";
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);

    private final HttpClient http;
    private final String baseUrl;
    private final MatrixMetrics metrics;
    /** The sync filter: rooms' timelines hold up to this many events per batch (Synapse's default is 10). */
    private final String filter;

    private final JsonMapper mapper = JsonMapper.builder().build();
    private volatile @Nullable Credentials credentials;

    public HttpMatrixPort(String homeserver, MatrixMetrics metrics, int timelineLimit) {
        this.http = HttpClient.newBuilder()
                .connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.baseUrl = homeserver.endsWith("/") ? homeserver.substring(0, homeserver.length() - 1) : homeserver;
        this.metrics = metrics;
        this.filter = encode("{\"room\":{\"timeline\":{\"limit\":" + timelineLimit + "}}}");
    }

    public String homeserver() {
        return baseUrl;
    }

    /** {@code POST /login} with {@code m.login.password}; {@code deviceId} null lets the server choose. */
    public Credentials passwordLogin(String user, String password, @Nullable String deviceId) {
        ObjectNode body = mapper.createObjectNode();
        body.put("type", "m.login.password");
        body.putObject("identifier").put("type", "m.id.user").put("user", user);
        body.put("password", password);
        body.put("initial_device_display_name", "ductor");
        if (deviceId != null) {
            body.put("device_id", deviceId);
        }
        JsonNode answer = call("login", "POST", CLIENT + "/login", json(body), null, CALL_TIMEOUT);
        return new Credentials(
                answer.path("user_id").asString(),
                answer.path("device_id").asString(),
                answer.path("access_token").asString(),
                baseUrl);
    }

    /** {@code GET /account/whoami} with {@code accessToken}: the user id it belongs to. */
    public String whoami(String accessToken) {
        return call("whoami", "GET", CLIENT + "/account/whoami", null, accessToken, CALL_TIMEOUT)
                .path("user_id")
                .asString();
    }

    /** From now on every call is made as {@code credentials}; its access token is masked in every log line. */
    public void authenticate(Credentials credentials) {
        SecretMasking.register(List.of(credentials.accessToken()));
        this.credentials = credentials;
    }

    @Override
    public String userId() {
        return current().userId();
    }

    @Override
    public JsonNode sync(String since, long timeoutMs) {
        String path = CLIENT + "/sync?timeout=" + timeoutMs + "&filter=" + filter + "&since=" + encode(since);
        return authed("sync", "GET", path, null, Duration.ofMillis(timeoutMs).plus(CALL_TIMEOUT));
    }

    @Override
    public JsonNode initialSync() {
        return authed("sync", "GET", CLIENT + "/sync?timeout=0&filter=" + filter, null, CALL_TIMEOUT);
    }

    @Override
    public JsonNode messagesBefore(String roomId, String from, String to, int limit) {
        String path = CLIENT + "/rooms/" + encode(roomId) + "/messages?dir=b&limit=" + limit + "&from=" + encode(from)
                + "&to=" + encode(to);
        return authed("messages", "GET", path, null, null);
    }

    @Override
    public void join(String roomId) {
        authed("join", "POST", CLIENT + "/rooms/" + encode(roomId) + "/join", json(mapper.createObjectNode()), null);
    }

    @Override
    public void leave(String roomId) {
        authed("leave", "POST", CLIENT + "/rooms/" + encode(roomId) + "/leave", json(mapper.createObjectNode()), null);
    }

    @Override
    public String send(String roomId, String type, String txnId, ObjectNode content) {
        String path = CLIENT + "/rooms/" + encode(roomId) + "/send/" + encode(type) + "/" + encode(txnId);
        return authed("send", "PUT", path, json(content), null).path("event_id").asString();
    }

    @Override
    public String redact(String roomId, String eventId, String txnId) {
        String path = CLIENT + "/rooms/" + encode(roomId) + "/redact/" + encode(eventId) + "/" + encode(txnId);
        return authed("redact", "PUT", path, json(mapper.createObjectNode()), null)
                .path("event_id")
                .asString();
    }

    @Override
    public void typing(String roomId, boolean typing, long timeoutMs) {
        ObjectNode body = mapper.createObjectNode().put("typing", typing);
        if (typing) {
            body.put("timeout", timeoutMs);
        }
        String path = CLIENT + "/rooms/" + encode(roomId) + "/typing/" + encode(userId());
        authed("typing", "PUT", path, json(body), null);
    }

    @Override
    public String putState(String roomId, String type, String stateKey, ObjectNode content) {
        String path = CLIENT + "/rooms/" + encode(roomId) + "/state/" + encode(type) + "/" + encode(stateKey);
        return authed("state", "PUT", path, json(content), null)
                .path("event_id")
                .asString();
    }

    @Override
    public void readMarkers(String roomId, String eventId) {
        ObjectNode body = mapper.createObjectNode().put("m.fully_read", eventId).put("m.read", eventId);
        authed("read_markers", "POST", CLIENT + "/rooms/" + encode(roomId) + "/read_markers", json(body), null);
    }

    @Override
    public String upload(byte[] content, String contentType, String fileName) {
        HttpRequest request = request(
                        "/_matrix/media/v3/upload?filename=" + encode(fileName),
                        current().accessToken())
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                .timeout(CALL_TIMEOUT.multipliedBy(4))
                .build();
        return parse("upload", exchange("upload", request, HttpResponse.BodyHandlers.ofByteArray()))
                .path("content_uri")
                .asString();
    }

    @Override
    public byte[] download(String mxc, long maxBytes) {
        if (!mxc.startsWith("mxc://") || mxc.substring(6).split("/").length != 2) {
            throw new MatrixException(400, "M_INVALID_PARAM", "Not an mxc uri", null);
        }
        String[] parts = mxc.substring(6).split("/");
        HttpRequest request = request(
                        "/_matrix/client/v1/media/download/" + encode(parts[0]) + "/" + encode(parts[1]),
                        current().accessToken())
                .GET()
                .timeout(CALL_TIMEOUT.multipliedBy(4))
                .build();
        HttpResponse<InputStream> response = exchange("download", request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (response.statusCode() != 200) {
                parse("download", new Bytes(response.statusCode(), bytes));
            }
            if (bytes.length > maxBytes) {
                throw new MatrixException(413, "M_TOO_LARGE", "The file is larger than " + maxBytes + " bytes", null);
            }
            return bytes;
        } catch (IOException e) {
            throw new MatrixException(0, "M_IO", "Download failed: " + e.getMessage(), null);
        }
    }

    private Credentials current() {
        Credentials now = credentials;
        if (now == null) {
            throw new IllegalStateException("Not logged in to the homeserver");
        }
        return now;
    }

    private JsonNode authed(
            String operation,
            String method,
            String path,
            HttpRequest.@Nullable BodyPublisher body,
            @Nullable Duration timeout) {
        return call(operation, method, path, body, current().accessToken(), timeout == null ? CALL_TIMEOUT : timeout);
    }

    private JsonNode call(
            String operation,
            String method,
            String path,
            HttpRequest.@Nullable BodyPublisher body,
            @Nullable String token,
            Duration timeout) {
        HttpRequest.Builder request = request(path, token).timeout(timeout);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
        return parse(operation, exchange(operation, request.build(), HttpResponse.BodyHandlers.ofByteArray()));
    }

    private HttpRequest.Builder request(String path, @Nullable String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder;
    }

    private <T> HttpResponse<T> exchange(String operation, HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        long started = System.nanoTime();
        try {
            HttpResponse<T> response = http.send(request, handler);
            metrics.call(operation, response.statusCode(), System.nanoTime() - started);
            return response;
        } catch (IOException e) {
            metrics.call(operation, 0, System.nanoTime() - started);
            throw new MatrixException(0, "M_IO", operation + " did not reach the homeserver: " + e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MatrixException(0, "M_IO", operation + " interrupted", null);
        }
    }

    private JsonNode parse(String operation, HttpResponse<byte[]> response) {
        return parse(operation, new Bytes(response.statusCode(), response.body()));
    }

    private JsonNode parse(String operation, Bytes response) {
        JsonNode body;
        try {
            body = response.body().length == 0 ? mapper.createObjectNode() : mapper.readTree(response.body());
        } catch (JacksonException e) {
            body = mapper.createObjectNode();
        }
        if (response.status() == 200) {
            return body;
        }
        Long retryAfter =
                body.has("retry_after_ms") ? body.get("retry_after_ms").asLong() : null;
        if (response.status() == 429) {
            metrics.rateLimited(retryAfter == null ? 0 : retryAfter);
        }
        throw new MatrixException(
                response.status(),
                body.path("errcode").asString("M_UNKNOWN"),
                operation + " failed: HTTP " + response.status() + " "
                        + body.path("error").asString(""),
                retryAfter);
    }

    private HttpRequest.BodyPublisher json(JsonNode node) {
        return HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(node));
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private record Bytes(int status, byte[] body) {}
}
