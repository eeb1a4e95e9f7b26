package dev.ductor.testkit.modelapi;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

/** Writes one HTTP answer: an SSE stream event by event (flushed), or a JSON body. */
final class Sse implements AutoCloseable {

    /**
     * A JSON object whose keys keep the given order ({@code Map.of} has none, and real APIs send
     * {@code type} first), so streams are deterministic and readable.
     */
    static java.util.Map<String, Object> obj(Object... keysAndValues) {
        var map = new java.util.LinkedHashMap<String, Object>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final OutputStream out;

    private Sse(OutputStream out) {
        this.out = out;
    }

    static Sse open(HttpExchange exchange) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.getResponseHeaders().set("Cache-Control", "no-cache");
        exchange.sendResponseHeaders(200, 0);
        return new Sse(exchange.getResponseBody());
    }

    /** {@code event: NAME} (when given) and {@code data: JSON}, then a blank line. */
    void event(@Nullable String name, Map<String, ?> data) throws IOException {
        String frame =
                (name == null ? "" : "event: " + name + "\n") + "data: " + JSON.writeValueAsString(data) + "\n\n";
        out.write(frame.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        out.close();
    }

    static void json(HttpExchange exchange, int status, Map<String, ?> body, Map<String, String> headers)
            throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        headers.forEach(exchange.getResponseHeaders()::set);
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    static Map<String, String> retryAfter(Reply reply) {
        Integer seconds = reply.retryAfterSeconds();
        return seconds == null ? Map.of() : Map.of("retry-after", seconds.toString());
    }
}
