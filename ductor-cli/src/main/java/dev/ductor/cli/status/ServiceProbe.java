package dev.ductor.cli.status;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Asks a service's actuator for its health and build version on 127.0.0.1. */
public final class ServiceProbe {

    /** A ductor service and the variable that moves its port. */
    public record Service(String name, String portVariable, int defaultPort) {

        public int port(Map<String, String> env) {
            String value = env.get(portVariable);
            return value == null || value.isBlank() ? defaultPort : Integer.parseInt(value.strip());
        }
    }

    public static final List<Service> SERVICES = List.of(
            new Service("gateway-telegram", "DUCTOR_GATEWAY_TELEGRAM_PORT", 8081),
            new Service("orchestrator", "DUCTOR_ORCHESTRATOR_PORT", 8082),
            new Service("cli-runner", "DUCTOR_CLI_RUNNER_PORT", 8083),
            new Service("scheduler", "DUCTOR_SCHEDULER_PORT", 8084));

    /** What the service said: {@code state} is UP, DOWN, OUT_OF_SERVICE … or "not running". */
    public record Health(String state, List<String> downComponents, String version, boolean running) {

        public String describe() {
            if (!running) {
                return state;
            }
            String text = state + (version.isEmpty() ? "" : ", version " + version);
            return downComponents.isEmpty() ? text : text + " (not UP: " + String.join(", ", downComponents) + ")";
        }
    }

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final JsonMapper json = JsonMapper.builder().build();

    public Health probe(int port) {
        String base = "http://127.0.0.1:" + port + "/actuator/";
        HttpResponse<String> health;
        try {
            health = get(base + "health");
        } catch (IOException e) {
            return new Health("not running (nothing answers on port " + port + ")", List.of(), "", false);
        }
        String state;
        List<String> down = new ArrayList<>();
        try {
            JsonNode body = json.readTree(health.body());
            state = body.path("status").asString("UNKNOWN");
            for (var component : body.path("components").properties()) {
                String componentState = component.getValue().path("status").asString("UNKNOWN");
                if (!componentState.equals("UP")) {
                    down.add(component.getKey() + " " + componentState);
                }
            }
        } catch (RuntimeException e) {
            return new Health(
                    "answers on port " + port + " but not as a ductor service (HTTP " + health.statusCode() + ")",
                    List.of(),
                    "",
                    true);
        }
        String version = "";
        try {
            version = json.readTree(get(base + "info").body())
                    .path("build")
                    .path("version")
                    .asString("");
        } catch (IOException | RuntimeException e) {
            // the version is a nicety; health said enough
        }
        return new Health(state, down, version, true);
    }

    private HttpResponse<String> get(String url) throws IOException {
        try {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url))
                            .timeout(Duration.ofSeconds(5))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }
}
