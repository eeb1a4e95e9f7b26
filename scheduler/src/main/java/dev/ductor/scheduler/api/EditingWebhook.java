package dev.ductor.scheduler.api;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code webhook_edit "<hook-id>" FLAGS} (behaviour §6.8): changes a hook of {@code webhooks.json} in place
 * with {@code webhook_add}'s checks applied to the hook as it will be (a {@code wake} hook takes no
 * execution overrides, an {@code hmac} hook needs its secret and header, regular expressions compile);
 * {@code --regenerate-token} gives a bearer hook a new token. Secrets are never echoed.
 */
final class EditingWebhook implements AgentTool {

    private static final Map<String, String> TEXT_FIELDS = Map.of(
            "title", "title",
            "description", "description",
            "prompt-template", "prompt_template",
            "hmac-header", "hmac_header",
            "hmac-sig-prefix", "hmac_sig_prefix");

    private final ListFile hooks;
    private final TaskFolders folders;

    EditingWebhook(ListFile hooks, TaskFolders folders) {
        this.hooks = hooks;
        this.folders = folders;
    }

    @Override
    public ToolResult run(ToolCall call) {
        Flags flags;
        try {
            flags = Flags.parse(
                    call.args(),
                    WebhookTools.HOOK_FLAGS,
                    Set.of("enable", "disable", "regenerate-token", "clear-quiet-hours", "clear-dependency"));
        } catch (IllegalArgumentException e) {
            return ToolResult.usage(USAGE + "\n" + e.getMessage());
        }
        if (flags.positional().size() != 1 || flags.positional().getFirst().isBlank()) {
            return ToolResult.usage(USAGE);
        }
        if (flags.on("enable") && flags.on("disable")) {
            return ToolResult.error("--enable and --disable exclude each other");
        }
        String wanted = flags.positional().getFirst().strip();
        ObjectNode edits = hooks.newEntry();
        Map<String, Object> changes = new LinkedHashMap<>();
        try {
            TEXT_FIELDS.forEach((flag, field) -> flags.value(flag).ifPresent(v -> edits.put(field, v)));
            flags.value("hmac-secret").ifPresent(v -> edits.put("hmac_secret", v));
            flags.text("task-folder").map(TaskFolders::sanitize).ifPresent(f -> edits.put("task_folder", f));
            flags.choice("auth-mode", List.of("bearer", "hmac")).ifPresent(v -> edits.put("auth_mode", v));
            flags.choice("hmac-algorithm", List.of("sha256", "sha1", "sha512"))
                    .ifPresent(v -> edits.put("hmac_algorithm", v));
            flags.choice("hmac-encoding", List.of("hex", "base64")).ifPresent(v -> edits.put("hmac_encoding", v));
            for (String flag : List.of("hmac-sig-regex", "hmac-payload-prefix-regex")) {
                if (flags.has(flag)) {
                    edits.put(flag.replace('-', '_'), WebhookTools.regex(flags, flag));
                }
            }
            ExecutionOverrides.apply(flags, edits);
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        if (flags.on("enable") || flags.on("disable")) {
            edits.put("enabled", flags.on("enable"));
        }
        if (flags.on("clear-quiet-hours")) {
            edits.putNull("quiet_start");
            edits.putNull("quiet_end");
        }
        if (flags.on("clear-dependency")) {
            edits.putNull("dependency");
        }
        if (edits.isEmpty() && !flags.on("regenerate-token")) {
            return ToolResult.error("No changes specified. Use --help for options.");
        }
        return hooks.update(root -> {
            ObjectNode hook = hooks.find(root, wanted, null);
            if (hook == null) {
                return WebhookTools.notFound(hooks, root, wanted);
            }
            edits.properties().forEach(e -> {
                hook.set(e.getKey(), e.getValue());
                changes.put(e.getKey(), e.getKey().equals("hmac_secret") ? "(set)" : e.getValue());
            });
            String refused = refusal(hook, flags);
            if (refused != null) {
                return ToolResult.error(refused);
            }
            Map<String, Object> result = new LinkedHashMap<>();
            boolean bearer = !hook.path("auth_mode").asString("bearer").equals("hmac");
            if (flags.on("regenerate-token")
                    || (bearer && hook.path("token").asString("").isEmpty())) {
                String token = WebhookTools.token();
                hook.put("token", token);
                changes.put("token_regenerated", true);
                changes.put("new_bearer_token", token);
                result.put(
                        "action_required",
                        "The Bearer token has changed. Update it in all external services that call this webhook."
                                + " The old token is now invalid.");
            }
            hooks.write(root);
            result.put("hook_id", wanted);
            result.put("changes", changes);
            result.put("updated", true);
            String folder = hook.path("task_folder").asString("");
            if (edits.has("task_folder") && !folders.exists(folder)) {
                result.put(
                        "warning",
                        "cron_tasks/" + folder + " does not exist: create it (python3 tools/cron_tools/cron_add.py"
                                + " makes one) or the hook's runs fail with error:folder_missing");
            }
            return ToolResult.success(result);
        });
    }

    /** What makes the edited hook one {@code webhook_add} would refuse; null when it is fine. */
    private static String refusal(ObjectNode hook, Flags flags) {
        boolean hmac = hook.path("auth_mode").asString("bearer").equals("hmac");
        if (flags.on("regenerate-token") && hmac) {
            return "Cannot regenerate token: hook uses HMAC auth, not bearer.";
        }
        if (hmac && (blank(hook, "hmac_secret") || blank(hook, "hmac_header"))) {
            return "--hmac-secret and --hmac-header are required for --auth-mode hmac";
        }
        String mode = hook.path("mode").asString("wake");
        if (mode.equals("cron_task") && blank(hook, "task_folder")) {
            return "--task-folder is required for mode 'cron_task'";
        }
        if (!mode.equals("cron_task") && ExecutionOverrides.FLAGS.stream().anyMatch(flags::has)) {
            return "Execution overrides (--provider, --model, --reasoning-effort, --cli-parameters,"
                    + " --quiet-start/--quiet-end, --dependency) apply to cron_task hooks only: a wake hook runs in"
                    + " the chat with its settings";
        }
        return null;
    }

    private static boolean blank(JsonNode hook, String field) {
        return hook.path(field).asString("").isBlank();
    }

    private static final String USAGE = """
            WEBHOOK EDIT -- change a hook in place: python3 tools/webhook_tools/webhook_edit.py "<hook-id>" FLAGS
            FLAGS: --enable | --disable  --title T  --description D  --prompt-template T  --task-folder F
                   --auth-mode bearer|hmac  --hmac-secret S  --hmac-header H  --hmac-algorithm sha256|sha1|sha512
                   --hmac-encoding hex|base64  --hmac-sig-prefix P  --hmac-sig-regex R
                   --hmac-payload-prefix-regex R  --regenerate-token (bearer hooks: a new token)
                   cron_task hooks: --provider --model --reasoning-effort --cli-parameters --quiet-start H
                   --quiet-end H | --clear-quiet-hours  --dependency KEY | --clear-dependency
            """;
}
