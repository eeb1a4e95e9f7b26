package dev.ductor.testkit.modelapi;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * Anthropic Messages streaming ({@code message_start}, {@code content_block_*}, {@code message_delta},
 * {@code message_stop}) with thinking, text and {@code tool_use} (Claude Code's {@code Bash}) blocks.
 */
final class AnthropicMessages {

    private AnthropicMessages() {}

    static void answer(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
        if (reply.isError()) {
            var headers = new HashMap<>(Sse.retryAfter(reply));
            headers.put("x-should-retry", "false");
            headers.put("request-id", "req_fake");
            Sse.json(exchange, reply.status(), error(reply), headers);
            return;
        }
        String id = "msg_fake_" + UUID.randomUUID().toString().replace("-", "");
        String model = request.path("model").asString("claude-fake");
        try (Sse sse = Sse.open(exchange)) {
            sse.event("message_start", Sse.obj("type", "message_start", "message", message(id, model)));
            int index = 0;
            String thinking = reply.thinking();
            if (thinking != null) {
                block(
                        sse,
                        index++,
                        Sse.obj("type", "thinking", "thinking", "", "signature", ""),
                        List.of(
                                Sse.obj("type", "thinking_delta", "thinking", thinking),
                                Sse.obj("type", "signature_delta", "signature", "fakesig")));
            }
            if (!reply.text().isEmpty()) {
                block(
                        sse,
                        index++,
                        Sse.obj("type", "text", "text", ""),
                        reply.textChunks().stream()
                                .<Map<String, ?>>map(chunk -> Sse.obj("type", "text_delta", "text", chunk))
                                .toList(),
                        reply.pause());
            }
            String command = reply.shellCommand();
            if (command != null) {
                String input = Sse.JSON.writeValueAsString(Sse.obj("command", command, "description", "Run a command"));
                block(
                        sse,
                        index,
                        Sse.obj(
                                "type",
                                "tool_use",
                                "id",
                                "toolu_fake_" + id.substring(9, 25),
                                "name",
                                "Bash",
                                "input",
                                Sse.obj()),
                        List.of(Sse.obj("type", "input_json_delta", "partial_json", input)));
            }
            var stop = new LinkedHashMap<String, Object>();
            stop.put("stop_reason", command != null ? "tool_use" : "end_turn");
            stop.put("stop_sequence", null);
            sse.event(
                    "message_delta",
                    Sse.obj("type", "message_delta", "delta", stop, "usage", Sse.obj("output_tokens", 5)));
            sse.event("message_stop", Sse.obj("type", "message_stop"));
        }
    }

    private static Map<String, Object> message(String id, String model) {
        var message = new LinkedHashMap<String, Object>();
        message.put("id", id);
        message.put("type", "message");
        message.put("role", "assistant");
        message.put("model", model);
        message.put("content", List.of());
        message.put("stop_reason", null);
        message.put("stop_sequence", null);
        message.put(
                "usage",
                Sse.obj(
                        "input_tokens", 10,
                        "cache_creation_input_tokens", 0,
                        "cache_read_input_tokens", 0,
                        "output_tokens", 1));
        return message;
    }

    private static void block(Sse sse, int index, Map<String, ?> start, List<Map<String, ?>> deltas)
            throws IOException {
        block(sse, index, start, deltas, Duration.ZERO);
    }

    /** A content block whose deltas go out {@code pause} apart. */
    private static void block(Sse sse, int index, Map<String, ?> start, List<Map<String, ?>> deltas, Duration pause)
            throws IOException {
        sse.event(
                "content_block_start", Sse.obj("type", "content_block_start", "index", index, "content_block", start));
        boolean first = true;
        for (Map<String, ?> delta : deltas) {
            if (!first && pause.isPositive()) {
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("interrupted while pacing the answer", e);
                }
            }
            first = false;
            sse.event("content_block_delta", Sse.obj("type", "content_block_delta", "index", index, "delta", delta));
        }
        sse.event("content_block_stop", Sse.obj("type", "content_block_stop", "index", index));
    }

    private static Map<String, ?> error(Reply reply) {
        String type = switch (reply.status()) {
            case 401 -> "authentication_error";
            case 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            case 529 -> "overloaded_error";
            default -> reply.status() >= 500 ? "api_error" : "invalid_request_error";
        };
        return Sse.obj("type", "error", "error", Sse.obj("type", type, "message", reply.text()));
    }
}
