package dev.ductor.scheduler.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code webhook_rotate_token ["<hook-id>"]} (behaviour §6.8): a new token for one bearer hook, or for every
 * bearer hook without an argument; the old tokens stop working with the webhook server's next look at
 * {@code webhooks.json}. An {@code hmac} hook has no token to rotate.
 */
final class RotatingWebhookToken implements AgentTool {

    private final ListFile hooks;

    RotatingWebhookToken(ListFile hooks) {
        this.hooks = hooks;
    }

    @Override
    public ToolResult run(ToolCall call) {
        if (call.args().size() > 1 || call.args().stream().anyMatch(a -> a.startsWith("--"))) {
            return ToolResult.usage(USAGE);
        }
        String wanted = call.args().isEmpty() ? null : call.args().getFirst().strip();
        return hooks.update(root -> {
            List<ObjectNode> targets = new ArrayList<>();
            if (wanted != null) {
                ObjectNode hook = hooks.find(root, wanted, null);
                if (hook == null) {
                    return WebhookTools.notFound(hooks, root, wanted);
                }
                if (hook.path("auth_mode").asString("bearer").equals("hmac")) {
                    return ToolResult.error("Hook '" + wanted + "' uses HMAC auth: it has no bearer token to"
                            + " rotate (change its secret with webhook_edit.py --hmac-secret)");
                }
                targets.add(hook);
            } else {
                for (JsonNode entry : hooks.entries(root)) {
                    if (entry instanceof ObjectNode hook
                            && !hook.path("auth_mode").asString("bearer").equals("hmac")) {
                        targets.add(hook);
                    }
                }
            }
            List<Map<String, Object>> rotated = new ArrayList<>();
            for (ObjectNode hook : targets) {
                String token = WebhookTools.token();
                hook.put("token", token);
                rotated.add(Map.of("hook_id", hook.path("id").asString(""), "bearer_token", token));
            }
            if (!rotated.isEmpty()) {
                hooks.write(root);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("rotated", rotated);
            result.put("count", rotated.size());
            result.put(
                    "action_required",
                    rotated.isEmpty()
                            ? "No bearer hooks: nothing was rotated."
                            : "The old tokens are invalid now: give each external service its hook's new token"
                                    + " (Authorization: Bearer <token>).");
            return ToolResult.success(result);
        });
    }

    private static final String USAGE = """
            WEBHOOK ROTATE TOKEN -- new bearer tokens:
              python3 tools/webhook_tools/webhook_rotate_token.py              (every bearer hook)
              python3 tools/webhook_tools/webhook_rotate_token.py "<hook-id>"  (one hook)
            """;
}
