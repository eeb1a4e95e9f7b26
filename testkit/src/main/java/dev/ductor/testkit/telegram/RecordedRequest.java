package dev.ductor.testkit.telegram;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/** One Bot API call the fake received: method as the bot spelled it, its parameters and the HTTP status answered. */
public record RecordedRequest(String method, JsonNode params, Instant at, int status) {

    public String param(String name) {
        JsonNode value = params.get(name);
        return value == null || value.isNull() ? "" : value.isValueNode() ? value.asString() : value.toString();
    }
}
