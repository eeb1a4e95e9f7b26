package dev.ductor.scheduler.webhook;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The webhook HTTP server on {@code webhooks.host}:{@code webhooks.port} (default {@code 127.0.0.1:8742}):
 * {@code GET /health} and {@code POST /hooks/{id}}. The JDK's own server, not Spring MVC: it binds its
 * own address apart from the actuator's port, reads at most {@code max_body_bytes + 1} bytes itself, and
 * has no message converters or error pages that could answer a malformed request with anything but the
 * statuses below. One virtual thread per exchange, so a slow sender holds nothing but its own thread;
 * an exchange that fails unexpectedly is answered 400 and logged, never 5xx (503 only when the broker did
 * not take an accepted request).
 */
public final class WebhookServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WebhookServer.class);

    static {
        // A sender that trickles its request is cut off (seconds, read by the JDK server when it loads).
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "30");
        }
        if (System.getProperty("sun.net.httpserver.maxRspTime") == null) {
            System.setProperty("sun.net.httpserver.maxRspTime", "30");
        }
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();

    WebhookServer(String host, int port, WebhookGate gate) throws IOException {
        this.server = HttpServer.create(new InetSocketAddress(host, port), 128);
        server.createContext("/", exchange -> handle(exchange, gate));
        server.setExecutor(executor);
        server.start();
        log.info("Webhook server listening on {}", address());
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private static void handle(HttpExchange exchange, WebhookGate gate) {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/health")) {
                respond(
                        exchange,
                        method.equals("GET") ? 200 : 405,
                        method.equals("GET") ? "{\"status\":\"ok\"}" : "{\"error\":\"method_not_allowed\"}");
                return;
            }
            String hookId = hookId(path);
            if (hookId == null) {
                respond(exchange, 404, "{\"error\":\"not_found\"}");
                return;
            }
            if (!method.equals("POST")) {
                respond(exchange, 405, "{\"error\":\"method_not_allowed\"}");
                return;
            }
            var reply =
                    gate.post(hookId, exchange.getRequestHeaders(), contentLength(exchange), exchange.getRequestBody());
            respond(exchange, reply.status(), reply.json());
        } catch (IOException e) {
            log.debug("Webhook exchange aborted: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("Webhook request failed unexpectedly; answered 400", e);
            try {
                respond(exchange, 400, "{\"error\":\"bad_request\"}");
            } catch (IOException | RuntimeException ignored) {
                // the response had started already; the connection closes
            }
        }
    }

    /** {@code /hooks/<id>} with a non-empty id of word characters, dots and dashes; anything else is no route. */
    static @Nullable String hookId(String rawPath) {
        if (!rawPath.startsWith("/hooks/")) {
            return null;
        }
        String id = rawPath.substring("/hooks/".length());
        return !id.isEmpty() && id.length() <= 200 && id.matches("[A-Za-z0-9_.\\-]+") ? id : null;
    }

    private static @Nullable Long contentLength(HttpExchange exchange) {
        String value = exchange.getRequestHeaders().getFirst("Content-Length");
        if (value == null) {
            return null;
        }
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (status >= 400) {
            // whatever the sender still has to send is not read: the connection ends with this answer
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        InputStream unread = exchange.getRequestBody();
        unread.close();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
