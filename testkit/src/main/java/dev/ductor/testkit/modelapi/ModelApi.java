package dev.ductor.testkit.modelapi;

/** The dialects the fake serves, told apart by the request path. */
public enum ModelApi {
    /** {@code POST /v1/messages} (claude), SSE. */
    ANTHROPIC_MESSAGES,
    /** {@code POST /v1/responses} (codex with a custom provider), SSE. */
    OPENAI_RESPONSES,
    /** {@code POST /v1beta/models/M:streamGenerateContent?alt=sse} (gemini), SSE. */
    GEMINI_STREAM,
    /** {@code POST /v1beta/models/M:generateContent} (gemini's model router and titles), JSON; not scripted. */
    GEMINI_GENERATE,
    UNKNOWN;

    static ModelApi of(String method, String path) {
        if (!method.equals("POST")) {
            return UNKNOWN;
        }
        String plain = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        if (plain.endsWith("/v1/messages")) {
            return ANTHROPIC_MESSAGES;
        }
        if (plain.endsWith("/responses")) {
            return OPENAI_RESPONSES;
        }
        if (plain.endsWith(":streamGenerateContent")) {
            return GEMINI_STREAM;
        }
        if (plain.endsWith(":generateContent")) {
            return GEMINI_GENERATE;
        }
        return UNKNOWN;
    }
}
