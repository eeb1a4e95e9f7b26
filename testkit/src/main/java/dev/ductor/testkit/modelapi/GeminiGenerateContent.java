package dev.ductor.testkit.modelapi;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Gemini {@code streamGenerateContent?alt=sse} (one {@code data:} chunk per part: thought, text or
 * {@code functionCall} of gemini's {@code run_shell_command}; the last carries {@code finishReason}), and
 * the non-streaming {@code generateContent} the CLI uses for its model router, answered with router JSON.
 */
final class GeminiGenerateContent {

    private GeminiGenerateContent() {}

    static void stream(HttpExchange exchange, String model, Reply reply) throws IOException {
        if (reply.isError()) {
            error(exchange, reply);
            return;
        }
        List<Map<String, Object>> parts = new ArrayList<>();
        String thinking = reply.thinking();
        if (thinking != null) {
            parts.add(Sse.obj("text", thinking, "thought", true));
        }
        if (!reply.text().isEmpty()) {
            parts.add(Sse.obj("text", reply.text()));
        }
        String command = reply.shellCommand();
        if (command != null) {
            parts.add(Sse.obj(
                    "functionCall",
                    Sse.obj(
                            "name",
                            "run_shell_command",
                            "args",
                            Sse.obj("command", command, "description", "Run a command"))));
        }
        try (Sse sse = Sse.open(exchange)) {
            for (int i = 0; i < parts.size(); i++) {
                var candidate = new LinkedHashMap<String, Object>();
                candidate.put("content", Sse.obj("role", "model", "parts", List.of(parts.get(i))));
                candidate.put("index", 0);
                var chunk = new LinkedHashMap<String, Object>();
                if (i == parts.size() - 1) {
                    candidate.put("finishReason", "STOP");
                    chunk.put(
                            "usageMetadata",
                            Sse.obj("promptTokenCount", 10, "candidatesTokenCount", 5, "totalTokenCount", 15));
                }
                chunk.put("candidates", List.of(candidate));
                chunk.put("modelVersion", model);
                sse.event(null, chunk);
            }
        }
    }

    /** The router asks for {@code {complexity_reasoning, complexity_score}}; anything else gets plain text. */
    static void generate(HttpExchange exchange, String model, String body) throws IOException {
        String text = body.contains("complexity")
                ? "{\"complexity_reasoning\":\"a simple request\",\"complexity_score\":1}"
                : "Fake title";
        Sse.json(
                exchange,
                200,
                Sse.obj(
                        "candidates",
                        List.of(Sse.obj(
                                "content",
                                Sse.obj("role", "model", "parts", List.of(Sse.obj("text", text))),
                                "finishReason",
                                "STOP",
                                "index",
                                0)),
                        "modelVersion",
                        model),
                Map.of());
    }

    private static void error(HttpExchange exchange, Reply reply) throws IOException {
        String status = switch (reply.status()) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 403 -> "PERMISSION_DENIED";
            case 429 -> "RESOURCE_EXHAUSTED";
            default -> "INTERNAL";
        };
        Sse.json(
                exchange,
                reply.status(),
                Sse.obj("error", Sse.obj("code", reply.status(), "message", reply.text(), "status", status)),
                Sse.retryAfter(reply));
    }
}
