package dev.ductor.gateway.api.socket;

import java.util.Map;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The JSON of ductor's frames, both ways (behaviour §10): plain field names, as ductor's clients read them. */
public final class Frames {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Frames() {}

    public static ObjectNode event(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    public static String error(String code, String message) {
        return event("error").put("code", code).put("message", message).toString();
    }

    public static String withData(String type, String data) {
        return event(type).put("data", data).toString();
    }

    /** A client's frame as a JSON object, or null when it is not one. */
    static @Nullable JsonNode object(String text) {
        try {
            JsonNode node = JSON.readTree(text);
            return node != null && node.isObject() ? node : null;
        } catch (JacksonException e) {
            return null;
        }
    }

    static String json(Map<String, ?> value) {
        return JSON.writeValueAsString(value);
    }
}
