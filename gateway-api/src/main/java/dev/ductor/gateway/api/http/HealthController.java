package dev.ductor.gateway.api.http;

import dev.ductor.gateway.api.socket.Connections;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /health} (behaviour §10): no token, only that the API is up and how many clients it has. */
@RestController
class HealthController {

    private final Connections connections;

    HealthController(Connections connections) {
        this.connections = connections;
    }

    @GetMapping("/health")
    Map<String, Object> health() {
        return Map.of("status", "ok", "connections", connections.count());
    }
}
