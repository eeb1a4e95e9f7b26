package dev.ductor.scheduler.watchdog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A service whose health is not 2xx (a gateway that stopped polling answers 503), or that does not answer, is a problem. */
class HealthEndpointsTest {

    private final AtomicInteger status = new AtomicInteger(200);
    private HttpServer server;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/actuator/health", exchange -> {
            exchange.sendResponseHeaders(status.get(), -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aServiceThatIsDownOrSilentIsAProblemAndOneThatIsUpIsNot() throws Exception {
        int closed;
        try (var socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        var probe = new HealthEndpoints(
                HealthEndpoints.parse(List.of(
                        "gateway-telegram=http://127.0.0.1:"
                                + server.getAddress().getPort() + "/actuator/health",
                        " orchestrator = http://127.0.0.1:" + closed + "/actuator/health")),
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build(),
                Duration.ofSeconds(2));

        assertThat(probe.problems()).containsExactly("orchestrator does not answer at its health endpoint");
        status.set(503);
        assertThat(probe.problems())
                .containsExactly(
                        "gateway-telegram reports itself unhealthy (HTTP 503 from its health endpoint)",
                        "orchestrator does not answer at its health endpoint");
    }

    @Test
    void entriesAreNameEqualsUrlAndAnythingElseIsAClearError() {
        assertThat(HealthEndpoints.parse(List.of("a=http://h:1/x", "")))
                .isEqualTo(Map.of("a", URI.create("http://h:1/x")));
        assertThatThrownBy(() -> HealthEndpoints.parse(List.of("http://h:1/x")))
                .hasMessage("ductor.watchdog.health entries are <name>=<http url>, got http://h:1/x");
        assertThatThrownBy(() -> HealthEndpoints.parse(List.of("a=ftp://h/x")))
                .hasMessageContaining("<name>=<http url>");
    }
}
