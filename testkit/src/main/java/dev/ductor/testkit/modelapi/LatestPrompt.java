package dev.ductor.testkit.modelapi;

import tools.jackson.databind.JsonNode;

/**
 * The text of the latest prompt in a model request: the last user message that is not a tool's result, as
 * each dialect carries it. A turn's follow-up requests (after a tool call) keep the prompt that started the
 * turn, so a rule matched on it answers the whole turn.
 */
final class LatestPrompt {

    private LatestPrompt() {}

    static String of(ModelApi api, JsonNode body) {
        return switch (api) {
            // {"messages": [{"role": "user", "content": "…" | [{"type": "text"|"tool_result", …}]}, …]}
            case ANTHROPIC_MESSAGES -> latest(body.path("messages"), "content", "tool_result");
            // {"input": [{"type": "message", "role": "user", "content": [{"type": "input_text", …}]},
            //            {"type": "function_call_output", …}, …]}
            case OPENAI_RESPONSES -> latest(body.path("input"), "content", "function_call_output");
            // {"contents": [{"role": "user", "parts": [{"text": …} | {"functionResponse": …}]}, …]}
            case GEMINI_STREAM, GEMINI_GENERATE -> latest(body.path("contents"), "parts", "functionResponse");
            case UNKNOWN -> "";
        };
    }

    private static String latest(JsonNode messages, String contentField, String toolResult) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            JsonNode message = messages.path(i);
            if (!message.path("role").asString("").equals("user")) {
                continue;
            }
            JsonNode content = message.path(contentField);
            if (content.isString()) {
                return content.asString();
            }
            StringBuilder text = new StringBuilder();
            boolean answersATool = false;
            for (JsonNode block : content) {
                answersATool |= block.path("type").asString("").equals(toolResult) || block.has(toolResult);
                text.append(block.path("text").asString("")).append('\n');
            }
            if (!answersATool) {
                return text.toString();
            }
        }
        return "";
    }
}
