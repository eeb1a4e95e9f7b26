package dev.ductor.scheduler.api;

import dev.ductor.config.DuctorConfig;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The webhook tools (behaviour §6.8): {@code webhook_add}, {@code webhook_list}, {@code webhook_remove} here,
 * {@code webhook_edit}, {@code webhook_rotate_token} and {@code webhook_test} in their own classes, over
 * ductor's {@code webhooks.json}, which the webhook server re-reads within {@code watch-interval}. A
 * bearer hook gets its own token ({@code token_urlsafe(32)} as ductor); a {@code cron_task} hook's folder is
 * scaffolded when missing. Execution overrides are refused for {@code wake} hooks, which run in the chat.
 */
final class WebhookTools {

    private static final SecureRandom RANDOM = new SecureRandom();

    /** The flags {@code webhook_add} and {@code webhook_edit} share. */
    static final Set<String> HOOK_FLAGS = CronTools.union(
            ExecutionOverrides.FLAGS,
            "title",
            "description",
            "prompt-template",
            "task-folder",
            "auth-mode",
            "hmac-secret",
            "hmac-header",
            "hmac-algorithm",
            "hmac-encoding",
            "hmac-sig-prefix",
            "hmac-sig-regex",
            "hmac-payload-prefix-regex");

    private final ListFile hooks;
    private final TaskFolders folders;
    private final Supplier<DuctorConfig.Webhooks> settings;
    private final Clock clock;

    WebhookTools(Path hooksFile, TaskFolders folders, Supplier<DuctorConfig.Webhooks> settings, Clock clock) {
        this.hooks = new ListFile(hooksFile, "hooks");
        this.folders = folders;
        this.settings = settings;
        this.clock = clock;
    }

    Map<String, AgentTool> tools() {
        return Map.of(
                "webhook_add",
                this::add,
                "webhook_list",
                call -> hooks.read(this::listed),
                "webhook_edit",
                new EditingWebhook(hooks, folders),
                "webhook_remove",
                this::remove,
                "webhook_rotate_token",
                new RotatingWebhookToken(hooks),
                "webhook_test",
                new FiringTestWebhook(hooks, settings, clock));
    }

    ToolResult add(ToolCall call) {
        Flags flags;
        try {
            flags = Flags.parse(call.args(), CronTools.union(HOOK_FLAGS, "name", "mode"), Set.of());
        } catch (IllegalArgumentException e) {
            return ToolResult.usage(ADD_USAGE + "\n" + e.getMessage());
        }
        Optional<ToolResult> missing =
                flags.missing(ADD_USAGE, "name", "title", "description", "mode", "prompt-template");
        if (missing.isPresent()) {
            return missing.get();
        }
        String rawName = flags.text("name").orElseThrow();
        String name = TaskFolders.sanitize(rawName);
        ObjectNode hook = hooks.newEntry();
        String mode;
        String auth;
        String folder = null;
        try {
            mode = flags.choice("mode", List.of("wake", "cron_task")).orElseThrow();
            auth = flags.choice("auth-mode", List.of("bearer", "hmac")).orElse("bearer");
            if (name.isEmpty()) {
                throw new IllegalArgumentException("Name resolves to empty after sanitization");
            }
            if (mode.equals("cron_task")) {
                folder = TaskFolders.sanitize(flags.text("task-folder")
                        .orElseThrow(
                                () -> new IllegalArgumentException("--task-folder is required for mode 'cron_task'")));
                if (folder.isEmpty()) {
                    throw new IllegalArgumentException("--task-folder resolves to empty after sanitization");
                }
            } else if (ExecutionOverrides.FLAGS.stream().anyMatch(flags::has)) {
                throw new IllegalArgumentException("Execution overrides (--provider, --model, --reasoning-effort,"
                        + " --cli-parameters, --quiet-start/--quiet-end, --dependency) apply to cron_task hooks"
                        + " only: a wake hook runs in the chat with its settings");
            }
            if (auth.equals("hmac")) {
                flags.text("hmac-secret")
                        .orElseThrow(
                                () -> new IllegalArgumentException("--hmac-secret is required for --auth-mode hmac"));
                flags.text("hmac-header")
                        .orElseThrow(
                                () -> new IllegalArgumentException("--hmac-header is required for --auth-mode hmac"));
            }
            hook.put("id", name);
            hook.put("title", flags.text("title").orElseThrow());
            hook.put("description", flags.value("description").orElseThrow().strip());
            hook.put("mode", mode);
            hook.put("prompt_template", flags.value("prompt-template").orElseThrow());
            hook.put("enabled", true);
            hook.put("task_folder", folder);
            hook.put("auth_mode", auth);
            hook.put("token", auth.equals("bearer") ? token() : "");
            hook.put("hmac_secret", flags.value("hmac-secret").orElse(""));
            hook.put("hmac_header", flags.value("hmac-header").orElse(""));
            hook.put(
                    "hmac_algorithm",
                    flags.choice("hmac-algorithm", List.of("sha256", "sha1", "sha512"))
                            .orElse("sha256"));
            hook.put(
                    "hmac_encoding",
                    flags.choice("hmac-encoding", List.of("hex", "base64")).orElse("hex"));
            hook.put("hmac_sig_prefix", flags.value("hmac-sig-prefix").orElse("sha256="));
            hook.put("hmac_sig_regex", regex(flags, "hmac-sig-regex"));
            hook.put("hmac_payload_prefix_regex", regex(flags, "hmac-payload-prefix-regex"));
            hook.put("created_at", clock.instant().toString());
            hook.put("trigger_count", 0);
            hook.putNull("last_triggered_at");
            hook.putNull("last_error");
            ExecutionOverrides.apply(flags, hook);
        } catch (IllegalArgumentException e) {
            return ToolResult.error(e.getMessage());
        }
        String taskFolder = folder;
        return hooks.update(root -> {
            if (hooks.find(root, name, null) != null) {
                return ToolResult.error("Hook '" + name + "' already exists");
            }
            hooks.entries(root).add(hook);
            if (taskFolder == null || folders.exists(taskFolder)) {
                hooks.write(root);
                return ToolResult.success(added(hook, rawName, false));
            }
            try {
                folders.createThen(
                        taskFolder,
                        hook.path("title").asString(),
                        hook.path("description").asString(),
                        () -> {
                            hooks.write(root);
                            return hook;
                        });
            } catch (IllegalStateException e) {
                return ToolResult.error(e.getMessage());
            }
            return ToolResult.success(added(hook, rawName, true));
        });
    }

    private Map<String, Object> added(ObjectNode hook, String rawName, boolean folderCreated) {
        String name = hook.path("id").asString();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("hook_id", name);
        result.put("mode", hook.path("mode").asString());
        result.put("auth_mode", hook.path("auth_mode").asString());
        result.put("endpoint", "/hooks/" + name);
        result.put("json_entry_created", true);
        if (hook.path("mode").asString().equals("cron_task")) {
            String path = "cron_tasks/" + hook.path("task_folder").asString();
            result.put("task_folder", path);
            result.put("folder_created", folderCreated);
            if (folderCreated) {
                result.put(
                        "action_required",
                        List.of("Open " + path + "/TASK_DESCRIPTION.md and fill in the Assignment section."));
            }
        }
        DuctorConfig.Webhooks server = settings.get();
        Map<String, String> setup = new LinkedHashMap<>();
        if (!server.enabled()) {
            setup.put(
                    "step_0_enable_server",
                    "The webhook server is OFF: set webhooks.enabled to true in config.json and restart the"
                            + " scheduler, or no request reaches this hook.");
        }
        setup.put(
                "step_1_check_tunnel",
                "External services reach the webhook server only through a tunnel or a reverse proxy, e.g.:"
                        + " cloudflared tunnel --url http://localhost:" + server.port());
        setup.put(
                "step_2_endpoint_url",
                "Configure the external service to POST to: https://<your-domain>/hooks/" + name);
        if (hook.path("auth_mode").asString().equals("bearer")) {
            result.put("bearer_token", hook.path("token").asString());
            setup.put(
                    "step_3_auth_header",
                    "The external service MUST send this header with every request:\n  Authorization: Bearer "
                            + hook.path("token").asString());
        } else {
            setup.put(
                    "step_3_hmac_signing",
                    "The external service signs the body with HMAC-"
                            + hook.path("hmac_algorithm").asString().toUpperCase() + " ("
                            + hook.path("hmac_encoding").asString() + "); the signature is read from the '"
                            + hook.path("hmac_header").asString() + "' header.");
        }
        setup.put("step_4_content_type", "The external service must send JSON: Content-Type: application/json");
        result.put("setup_instructions", setup);
        if (!name.equals(rawName)) {
            result.put("name_sanitized", true);
            result.put("original_name", rawName);
        }
        return result;
    }

    private ToolResult listed(ObjectNode root) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (JsonNode hook : hooks.entries(root)) {
            String id = hook.path("id").asString("");
            String auth = hook.path("auth_mode").asString("bearer");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("id", id);
            entry.put("title", hook.path("title").asString(""));
            entry.put("mode", hook.path("mode").asString(""));
            entry.put("auth_mode", auth);
            entry.put("endpoint", "/hooks/" + id);
            entry.put("enabled", hook.path("enabled").asBoolean(true));
            entry.put("token_set", !hook.path("token").asString("").isEmpty());
            entry.put("hmac_configured", !hook.path("hmac_secret").asString("").isEmpty());
            entry.put("trigger_count", hook.path("trigger_count").asInt(0));
            entry.put("last_triggered_at", hook.path("last_triggered_at").asString(null));
            entry.put("last_error", hook.path("last_error").asString(null));
            String template = hook.path("prompt_template").asString("");
            entry.put("prompt_template", template.length() > 80 ? template.substring(0, 80) : template);
            String folder = hook.path("task_folder").asString("");
            if (!folder.isEmpty()) {
                entry.put("task_folder", folder);
                entry.put("task_folder_exists", folders.exists(folder));
            }
            list.add(entry);
        }
        DuctorConfig.Webhooks server = settings.get();
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("hooks", list);
        result.put("count", list.size());
        result.put(
                "server",
                Map.of(
                        "enabled", server.enabled(),
                        "host", server.host(),
                        "port", server.port(),
                        "global_token_set",
                                server.token() != null && !server.token().isBlank()));
        result.put(
                "how_to_create",
                "python3 tools/webhook_tools/webhook_add.py --name \"...\" --title \"...\" --description \"...\""
                        + " --mode wake --prompt-template \"...{{field}}...\"");
        return ToolResult.success(result);
    }

    ToolResult remove(ToolCall call) {
        if (call.args().size() != 1 || call.args().getFirst().isBlank()) {
            return ToolResult.usage(REMOVE_USAGE);
        }
        String wanted = call.args().getFirst().strip();
        return hooks.update(root -> {
            ObjectNode hook = hooks.find(root, wanted, null);
            if (hook == null) {
                return notFound(hooks, root, wanted);
            }
            hooks.remove(root, hook);
            hooks.write(root);
            return ToolResult.success(Map.of(
                    "hook_id",
                    wanted,
                    "json_entry_removed",
                    true,
                    "note",
                    "cron_tasks/ folder was NOT deleted (may be shared with cron jobs)."));
        });
    }

    /** The answer for a hook id that is not in {@code webhooks.json}: the ids that are. */
    static ToolResult notFound(ListFile hooks, ObjectNode root, String wanted) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("error", "Hook '" + wanted + "' not found");
        result.put("hint", "Use the EXACT hook ID from webhook_list.py output.");
        result.put("available_hooks", hooks.ids(root));
        return ToolResult.failure(result);
    }

    /** The value of a regular-expression flag, refused when it does not compile. */
    static String regex(Flags flags, String name) {
        String value = flags.value(name).orElse("");
        try {
            Pattern.compile(value);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException(
                    "--" + name + " is not a valid regular expression: " + e.getDescription());
        }
        return value;
    }

    /** A bearer hook's own token: 32 random bytes, URL-safe Base64 (Python's {@code token_urlsafe(32)}). */
    static String token() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static final String ADD_USAGE = """
            WEBHOOK ADD -- an HTTP endpoint /hooks/<name> on the bot's webhook server.
              wake       the rendered prompt goes into the user's chat, as a message
              cron_task  the prompt runs in cron_tasks/<folder> as a one-shot task; the result goes to the chat

            REQUIRED: --name ID  --title TEXT  --description TEXT  --mode wake|cron_task
                      --prompt-template "New PR {{number}}: {{title}}" (top-level JSON fields of the payload)
            cron_task: --task-folder F  [--provider claude|codex|gemini --model M --reasoning-effort E
                      --cli-parameters '[...]' --quiet-start H --quiet-end H --dependency KEY]
            AUTH:     --auth-mode bearer (default: a token is generated) | hmac --hmac-secret S --hmac-header H
                      [--hmac-algorithm sha256|sha1|sha512 --hmac-encoding hex|base64 --hmac-sig-prefix P
                      --hmac-sig-regex R --hmac-payload-prefix-regex R]
                      GitHub: --hmac-header X-Hub-Signature-256   Stripe: --hmac-header Stripe-Signature
                      --hmac-sig-prefix "" --hmac-sig-regex "v1=([a-f0-9]+)" --hmac-payload-prefix-regex "t=(\\d+)"
            """;

    private static final String REMOVE_USAGE = """
            WEBHOOK REMOVE -- delete a hook: python3 tools/webhook_tools/webhook_remove.py "<hook-id>"
            (the exact id from python3 tools/webhook_tools/webhook_list.py; its task folder is kept)
            """;
}
