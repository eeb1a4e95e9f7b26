package dev.ductor.testkit.releases;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/**
 * GitHub's "latest release" endpoint ({@code GET /repos/<owner>/<repo>/releases/latest}) on loopback, as the
 * orchestrator's {@code /upgrade} reads it: {@code tag_name} and {@code html_url}. It answers the release set
 * with {@link #latest}, {@code 404} before one is set (a repository without releases), the status set with
 * {@link #failWith}, or nothing for {@link #hangFor} (a source that does not answer); it counts requests.
 */
public final class FakeReleases implements AutoCloseable {

    public static final String PATH = "/repos/ductor/ductor-jvm/releases/latest";

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();
    private volatile @Nullable String tag;
    private volatile int failure;
    private volatile Duration hang = Duration.ZERO;

    private FakeReleases() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeReleases start() {
        return new FakeReleases();
    }

    /** The URL of the latest-release endpoint. */
    public String latestUrl() {
        return "http://" + server.getAddress().getHostString() + ":"
                + server.getAddress().getPort() + PATH;
    }

    /** The newest release from now on, by its tag (e.g. {@code v0.2.0}). */
    public FakeReleases latest(String tagName) {
        this.tag = tagName;
        this.failure = 0;
        return this;
    }

    /** Answers every request with this HTTP status (e.g. 500, or 403 for GitHub's rate limit). */
    public FakeReleases failWith(int status) {
        this.failure = status;
        return this;
    }

    /** Holds every request this long before answering. */
    public FakeReleases hangFor(Duration duration) {
        this.hang = duration;
        return this;
    }

    public int requests() {
        return requests.get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        requests.incrementAndGet();
        try (exchange) {
            if (!hang.isZero()) {
                try {
                    Thread.sleep(hang.toMillis()); // a server that does not answer: the client's timeout is tested
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            String current = tag;
            int status;
            String body;
            if (!exchange.getRequestURI().getPath().equals(PATH)) {
                status = 404;
                body = "{\"message\": \"Not Found\"}";
            } else if (failure != 0) {
                status = failure;
                body = "{\"message\": \"failing on purpose\"}";
            } else if (current == null) {
                status = 404;
                body = "{\"message\": \"Not Found\"}";
            } else {
                status = 200;
                body = "{\"tag_name\": \"" + current + "\", \"name\": \"" + current
                        + "\", \"html_url\": \"https://example.invalid/releases/tag/" + current + "\"}";
            }
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
