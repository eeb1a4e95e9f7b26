package dev.ductor.systemtests;

import dev.ductor.testkit.cli.Response;

/** Scripted turns of the fake {@code claude}, as stream-json lines of one CLI session. */
final class ClaudeTurns {

    private final String session;

    ClaudeTurns(String session) {
        this.session = session;
    }

    /** A turn that answers {@code text} in one block. */
    Response answer(String text) {
        return Response.lines(init(), text(text), result(text));
    }

    /** A turn that writes {@code first}, runs a Bash tool, then answers {@code last} (the result is {@code last}). */
    Response withTool(String first, String last) {
        return Response.lines(init(), text(first), toolUse("Bash"), text(last), result(last));
    }

    String init() {
        return "{\"type\":\"system\",\"subtype\":\"init\",\"session_id\":\"" + session + "\"}";
    }

    String text(String text) {
        return "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"text\",\"text\":\"" + json(text)
                + "\"}]},\"session_id\":\"" + session + "\"}";
    }

    String toolUse(String tool) {
        return "{\"type\":\"assistant\",\"message\":{\"content\":[{\"type\":\"tool_use\",\"id\":\"t1\"," + "\"name\":\""
                + tool + "\",\"input\":{\"command\":\"ls\"}}]},\"session_id\":\"" + session + "\"}";
    }

    String result(String text) {
        return "{\"type\":\"result\",\"subtype\":\"success\",\"is_error\":false,\"result\":\"" + json(text)
                + "\",\"session_id\":\"" + session + "\",\"total_cost_usd\":0.001,"
                + "\"usage\":{\"input_tokens\":3,\"output_tokens\":2},\"duration_ms\":900}";
    }

    private static String json(String text) {
        return text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }
}
