package dev.ductor.scheduler.watchdog;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The services' own health ({@code /actuator/health}): a service that answers anything but 2xx, or does not
 * answer, is a problem. This is what sees a gateway that is running and consuming but no longer polling
 * Telegram (its {@code telegram} health component turns DOWN when {@code getUpdates} has not answered for a
 * poll timeout plus 30 s), or a service whose broker connection or disk is gone.
 */
final class HealthEndpoints implements Probe {

    private final Map<String, URI> endpoints;
    private final HttpClient http;
    private final Duration timeout;

    HealthEndpoints(Map<String, URI> endpoints, HttpClient http, Duration timeout) {
        this.endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints)); // in their order
        this.http = http;
        this.timeout = timeout;
    }

    /** {@code name=url} entries ({@code gateway-telegram=http://127.0.0.1:8081/actuator/health}). */
    static Map<String, URI> parse(List<String> entries) {
        Map<String, URI> endpoints = new LinkedHashMap<>();
        for (String entry : entries) {
            if (entry.isBlank()) {
                continue;
            }
            int eq = entry.indexOf('=');
            URI uri = eq > 0 ? URI.create(entry.substring(eq + 1).strip()) : null;
            if (uri == null || uri.getHost() == null || !uri.getScheme().startsWith("http")) {
                throw new IllegalArgumentException(
                        "ductor.watchdog.health entries are <name>=<http url>, got " + entry.strip());
            }
            endpoints.put(entry.substring(0, eq).strip(), uri);
        }
        return endpoints;
    }

    @Override
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        endpoints.forEach((name, uri) -> {
            try {
                int status = http.send(
                                HttpRequest.newBuilder(uri)
                                        .timeout(timeout)
                                        .GET()
                                        .build(),
                                HttpResponse.BodyHandlers.discarding())
                        .statusCode();
                if (status / 100 != 2) {
                    problems.add(name + " reports itself unhealthy (HTTP " + status + " from its health endpoint)");
                }
            } catch (IOException e) {
                problems.add(name + " does not answer at its health endpoint");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        return problems;
    }
}
