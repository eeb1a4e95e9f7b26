package dev.ductor.scheduler.api;

import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/** What a tool prints, and whether it succeeded (its script exits 0) or refused (exit 1). */
public record ToolResult(boolean ok, String output) {

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    static ToolResult success(Map<String, ?> json) {
        return new ToolResult(true, json(json));
    }

    static ToolResult failure(Map<String, ?> json) {
        return new ToolResult(false, json(json));
    }

    static ToolResult error(String message) {
        return failure(Map.of("error", message));
    }

    static ToolResult usage(String text) {
        return new ToolResult(false, text);
    }

    static String json(Map<String, ?> value) {
        return MAPPER.writeValueAsString(value);
    }
}
