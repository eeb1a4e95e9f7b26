package dev.ductor.runner.provider.gemini;

import static dev.ductor.runner.provider.JsonLines.text;

import dev.ductor.runner.provider.JsonLines;
import dev.ductor.runner.provider.StreamDecoder;
import dev.ductor.runner.provider.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * Gemini CLI's {@code stream-json} (behaviour §4.4): {@code init} gives the session id, assistant
 * {@code message} deltas are text, {@code tool_use} a tool, {@code result} (status success|error) or
 * {@code error} the end. User messages and tool results are not shown.
 */
final class GeminiStreamDecoder implements StreamDecoder {

    private @Nullable String sessionId;
    private final StringBuilder text = new StringBuilder();

    @Override
    public List<StreamEvent> decode(String line) {
        return JsonLines.object(line).map(this::decode).orElse(List.of());
    }

    private List<StreamEvent> decode(JsonNode event) {
        return switch (text(event, "type", "")) {
            case "init" -> {
                sessionId = text(event, "session_id");
                yield sessionId == null ? List.of() : List.of(new StreamEvent.SessionStarted(sessionId));
            }
            case "message" -> message(event);
            case "tool_use" -> {
                String name = text(event, "tool_name");
                if (name == null) {
                    name = text(event, "name", "");
                }
                yield name.isEmpty() ? List.of() : List.of(new StreamEvent.ToolUse(name));
            }
            case "result" -> List.of(result(event));
            case "error" ->
                List.of(new StreamEvent.Result(
                        sessionId, text.toString(), true, errorText(event, "Unknown Gemini error"), 0, 0, 0));
            default -> List.of();
        };
    }

    private List<StreamEvent> message(JsonNode event) {
        String role = text(event, "role", "");
        if (!role.equals("assistant") && !role.equals("model")) {
            return List.of();
        }
        JsonNode content = event.path("content");
        List<StreamEvent> events = new ArrayList<>();
        boolean delta = event.path("delta").asBoolean(false);
        if (content.isString()) {
            addText(events, content.stringValue(), delta);
        } else {
            for (JsonNode block : content.values()) {
                switch (text(block, "type", "")) {
                    case "text" -> addText(events, text(block, "text", ""), delta);
                    case "tool_use" -> {
                        String name = text(block, "name", "");
                        if (!name.isEmpty()) {
                            events.add(new StreamEvent.ToolUse(name));
                        }
                    }
                    default -> {}
                }
            }
        }
        return events;
    }

    /** A {@code "delta": true} message is a piece of the text being written, any other a whole block. */
    private void addText(List<StreamEvent> events, String value, boolean delta) {
        if (!value.isEmpty()) {
            text.append(value);
            events.add(delta ? new StreamEvent.TextDelta(value) : new StreamEvent.Text(value));
        }
    }

    private StreamEvent.Result result(JsonNode event) {
        String id = text(event, "session_id");
        if (id != null) {
            sessionId = id;
        }
        boolean isError = event.path("is_error").asBoolean(false) || "error".equals(text(event, "status"));
        String resultText = text.toString();
        for (String field : List.of("result", "response", "content", "output")) {
            String value = text(event, field);
            if (value != null) {
                resultText = value;
                break;
            }
        }
        JsonNode stats = event.path("stats");
        long tokens = stats.path("input_tokens").asLong(0)
                + stats.path("output_tokens").asLong(0);
        return new StreamEvent.Result(
                sessionId,
                resultText,
                isError,
                isError ? errorText(event, "Gemini reported an error") : null,
                0,
                tokens,
                stats.path("duration_ms").asLong(0));
    }

    private static String errorText(JsonNode event, String fallback) {
        JsonNode error = event.path("error");
        String message = text(error, "message");
        if (message == null) {
            message = text(event, "error");
        }
        if (message == null) {
            message = text(event, "message");
        }
        if (message == null) {
            message = text(event, "detail");
        }
        return message == null ? fallback : message;
    }
}
