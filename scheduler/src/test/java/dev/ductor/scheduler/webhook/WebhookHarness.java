package dev.ductor.scheduler.webhook;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.Contract;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.testkit.time.MutableClock;
import dev.ductor.time.Zones;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A webhook server on a free loopback port, with a config.json, a webhooks.json and a recording bus (public
 * for the agent API's {@code webhook_test}, which fires hooks through it).
 */
public final class WebhookHarness implements AutoCloseable {

    final Path home;
    public final List<Contract> sent = new CopyOnWriteArrayList<>();
    final List<String> ids = new CopyOnWriteArrayList<>();
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final MutableClock clock = new MutableClock(Instant.parse("2026-06-01T12:00:00Z"));
    final HooksFile hooks;
    final ConfigStore config;
    final WebhookServer server;
    final HttpClient client =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public WebhookHarness(Path home, int rateLimit, String hooksJson) throws Exception {
        this.home = home;
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.json"), """
                {"user_timezone": "UTC", "webhooks": {"enabled": true, "host": "127.0.0.1", "port": 0,
                 "token": "global-token", "max_body_bytes": 4096, "rate_limit_per_minute": %d}}""".formatted(rateLimit));
        Files.writeString(home.resolve("webhooks.json"), hooksJson);
        config = new ConfigStore(new ConfigLoader(Map.of()), home.resolve("config/config.json"));
        hooks = new HooksFile(home.resolve("webhooks.json"));
        hooks.reloadIfChanged();
        var gate = new WebhookGate(
                config,
                hooks,
                new GlobalToken(config),
                (transport, message, id) -> {
                    sent.add(message);
                    ids.add(id);
                },
                new SchedulerMetrics(registry),
                new Zones(Map.of()),
                clock);
        server = new WebhookServer("127.0.0.1", 0, gate);
    }

    public int port() {
        return server.address().getPort();
    }

    /** Reads webhooks.json again, as the watcher does within its interval. */
    public void reload() {
        hooks.reloadIfChanged();
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.address().getPort() + path);
    }

    HttpResponse<String> post(String hook, String contentType, byte[] body, String... headers) throws Exception {
        var request = HttpRequest.newBuilder(uri("/hooks/" + hook))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String hook, String json, String... headers) throws Exception {
        return post(hook, "application/json", json.getBytes(StandardCharsets.UTF_8), headers);
    }

    @Override
    public void close() {
        server.close();
    }
}
