package dev.ductor.testkit.modelapi;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import tools.jackson.databind.JsonNode;

/**
 * OpenAI Responses streaming ({@code response.created}, {@code response.output_item.added/done},
 * {@code response.output_text.delta}, {@code response.completed}) with reasoning, message and
 * {@code function_call} items (Codex's {@code exec_command}).
 */
final class OpenAiResponses {

    private OpenAiResponses() {}

    static void answer(HttpExchange exchange, JsonNode request, Reply reply) throws IOException {
        if (reply.isError()) {
            String type = reply.status() == 429
                    ? "rate_limit_exceeded"
                    : reply.status() == 401 ? "invalid_api_key" : "server_error";
            Sse.json(
                    exchange,
                    reply.status(),
                    Sse.obj("error", Sse.obj("message", reply.text(), "type", type, "code", type)),
                    Sse.retryAfter(reply));
            return;
        }
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        String model = request.path("model").asString("gpt-fake");
        List<Map<String, Object>> items = new ArrayList<>();
        String thinking = reply.thinking();
        if (thinking != null) {
            items.add(item(
                    "reasoning",
                    "rs_" + suffix,
                    Sse.obj("summary", List.of(Sse.obj("type", "summary_text", "text", thinking)))));
        }
        if (!reply.text().isEmpty()) {
            items.add(item(
                    "message",
                    "msg_" + suffix,
                    Sse.obj(
                            "role", "assistant",
                            "status", "completed",
                            "content",
                                    List.of(Sse.obj(
                                            "type", "output_text", "text", reply.text(), "annotations", List.of())))));
        }
        String command = reply.shellCommand();
        if (command != null) {
            items.add(item(
                    "function_call",
                    "fc_" + suffix,
                    Sse.obj(
                            "call_id",
                            "call_" + suffix,
                            "name",
                            "exec_command",
                            "arguments",
                            Sse.JSON.writeValueAsString(Sse.obj("cmd", command)),
                            "status",
                            "completed")));
        }
        try (Sse sse = Sse.open(exchange)) {
            int seq = 0;
            sse.event(
                    "response.created",
                    Sse.obj(
                            "type",
                            "response.created",
                            "sequence_number",
                            seq++,
                            "response",
                            response(suffix, model, "in_progress", List.of())));
            for (int i = 0; i < items.size(); i++) {
                Map<String, Object> item = items.get(i);
                sse.event(
                        "response.output_item.added",
                        Sse.obj(
                                "type",
                                "response.output_item.added",
                                "sequence_number",
                                seq++,
                                "output_index",
                                i,
                                "item",
                                item));
                if (item.get("type").equals("message")) {
                    sse.event(
                            "response.output_text.delta",
                            Sse.obj(
                                    "type",
                                    "response.output_text.delta",
                                    "sequence_number",
                                    seq++,
                                    "item_id",
                                    item.get("id"),
                                    "output_index",
                                    i,
                                    "content_index",
                                    0,
                                    "delta",
                                    reply.text()));
                }
                sse.event(
                        "response.output_item.done",
                        Sse.obj(
                                "type",
                                "response.output_item.done",
                                "sequence_number",
                                seq++,
                                "output_index",
                                i,
                                "item",
                                item));
            }
            sse.event(
                    "response.completed",
                    Sse.obj(
                            "type",
                            "response.completed",
                            "sequence_number",
                            seq,
                            "response",
                            response(suffix, model, "completed", items)));
        }
    }

    private static Map<String, Object> item(String type, String id, Map<String, Object> fields) {
        var item = new LinkedHashMap<String, Object>();
        item.put("type", type);
        item.put("id", id);
        item.putAll(fields);
        return item;
    }

    private static Map<String, Object> response(String suffix, String model, String status, List<?> output) {
        var response = new LinkedHashMap<String, Object>();
        response.put("id", "resp_" + suffix);
        response.put("object", "response");
        response.put("created_at", Instant.now().getEpochSecond());
        response.put("status", status);
        response.put("model", model);
        response.put("output", output);
        if (status.equals("completed")) {
            response.put(
                    "usage",
                    Sse.obj(
                            "input_tokens", 10,
                            "input_tokens_details", Sse.obj("cached_tokens", 0),
                            "output_tokens", 5,
                            "output_tokens_details", Sse.obj("reasoning_tokens", 0),
                            "total_tokens", 15));
        }
        return response;
    }
}
