package dev.ductor.runner.provider.claude;

import static dev.ductor.runner.provider.JsonLines.text;

import dev.ductor.runner.provider.JsonLines;
import dev.ductor.runner.provider.StreamDecoder;
import dev.ductor.runner.provider.StreamEvent;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Claude Code's {@code stream-json} (behaviour §4.2): {@code system/init} gives the session id, each
 * {@code assistant} content block one event (text, tool use, thinking), a {@code stream_event} text delta
 * (with {@code --include-partial-messages}) a piece of the block being written, {@code system/status} a
 * status, {@code result} the end. Everything else ({@code user} tool results, other raw stream events,
 * retries) is ignored.
 */
final class ClaudeStreamDecoder implements StreamDecoder {

    @Override
    public List<StreamEvent> decode(String line) {
        return JsonLines.object(line).map(this::decode).orElse(List.of());
    }

    private List<StreamEvent> decode(JsonNode event) {
        return switch (text(event, "type", "")) {
            case "system" -> system(event);
            case "assistant" -> assistant(event.path("message").path("content"));
            case "stream_event" -> partial(event.path("event"));
            case "result" -> List.of(result(event));
            default -> List.of();
        };
    }

    private List<StreamEvent> system(JsonNode event) {
        String subtype = text(event, "subtype", "");
        String sessionId = text(event, "session_id");
        if (subtype.equals("init") && sessionId != null) {
            return List.of(new StreamEvent.SessionStarted(sessionId));
        }
        String status = text(event, "status");
        if (subtype.equals("status") && status != null && !status.isBlank()) {
            return List.of(new StreamEvent.Status(status));
        }
        return List.of();
    }

    /**
     * {@code --include-partial-messages}: a text delta of the block being written is shown at once; the
     * {@code assistant} event with the whole block follows and stays authoritative.
     */
    private List<StreamEvent> partial(JsonNode event) {
        JsonNode delta = event.path("delta");
        if (text(event, "type", "").equals("content_block_delta")
                && text(delta, "type", "").equals("text_delta")) {
            String text = text(delta, "text", "");
            return text.isEmpty() ? List.of() : List.of(new StreamEvent.TextDelta(text));
        }
        return List.of();
    }

    private List<StreamEvent> assistant(JsonNode content) {
        List<StreamEvent> events = new ArrayList<>();
        for (JsonNode block : content.values()) {
            switch (text(block, "type", "")) {
                case "text" -> {
                    String text = text(block, "text", "");
                    if (!text.isEmpty()) {
                        events.add(new StreamEvent.Text(text));
                    }
                }
                case "tool_use" -> {
                    String name = text(block, "name", "");
                    if (!name.isEmpty()) {
                        events.add(new StreamEvent.ToolUse(name));
                    }
                }
                case "thinking" -> events.add(new StreamEvent.Status("thinking"));
                default -> {}
            }
        }
        return events;
    }

    private StreamEvent.Result result(JsonNode event) {
        boolean isError = event.path("is_error").asBoolean(false);
        String text = text(event, "result", "");
        String error = null;
        if (isError) {
            List<String> errors = new ArrayList<>();
            for (JsonNode e : event.path("errors").values()) {
                if (e.isString()) {
                    errors.add(e.stringValue());
                }
            }
            error = !errors.isEmpty() ? String.join("\n", errors) : text.isBlank() ? "Claude reported an error" : text;
        }
        JsonNode usage = event.path("usage");
        long tokens = usage.path("input_tokens").asLong(0)
                + usage.path("output_tokens").asLong(0);
        return new StreamEvent.Result(
                text(event, "session_id"),
                text,
                isError,
                error,
                event.path("total_cost_usd").asDouble(0),
                tokens,
                event.path("duration_ms").asLong(0));
    }
}
