package dev.ductor.agents;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorHome;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A sub-agent's effective configuration (behaviour §5.8): the main {@code config.json}, overridden by the
 * entry's non-null overrides, with the transport, its account and the allowlists always the entry's and the
 * WebSocket API off unless the entry has an {@code api} block. It is written to the agent's own
 * {@code agents/<name>/config/config.json} (only when it changed), which the agent's contexts load and
 * hot-reload as any {@code config.json}.
 */
public final class AgentConfigs {

    /** The entry's keys that override the main configuration when set (ductor's list, plus the Bot API URL). */
    static final List<String> OVERRIDES = List.of(
            "provider",
            "model",
            "log_level",
            "idle_timeout_minutes",
            "session_age_warning_hours",
            "daily_reset_hour",
            "daily_reset_enabled",
            "max_budget_usd",
            "max_turns",
            "max_session_messages",
            "permission_mode",
            "cli_timeout",
            "reasoning_effort",
            "file_access",
            "streaming",
            "docker",
            "heartbeat",
            "cleanup",
            "webhooks",
            "cli_parameters",
            "user_timezone",
            "group_mention_only",
            "telegram_api_url");

    /** Keys that are always the entry's: no value of the main agent's may leak into a sub-agent's. */
    static final List<String> FORCED = List.of(
            "telegram_token", "allowed_user_ids", "allowed_group_ids", "transport", "transports", "matrix", "api");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private AgentConfigs() {}

    public static ObjectNode render(ObjectNode main, AgentEntry entry, DuctorHome agentHome) {
        ObjectNode config = main.deepCopy();
        ObjectNode source = entry.json();
        for (String key : OVERRIDES) {
            JsonNode value = source.get(key);
            if (value != null && !value.isNull()) {
                config.set(key, value.deepCopy());
            }
        }
        config.put("transport", entry.transport());
        config.putArray("transports").add(entry.transport());
        config.put(
                "telegram_token",
                entry.telegram() ? source.path("telegram_token").asString("") : "");
        config.set("allowed_user_ids", listOrEmpty(source, "allowed_user_ids"));
        config.set("allowed_group_ids", listOrEmpty(source, "allowed_group_ids"));
        // Never the main agent's Matrix account: the entry's block, or the defaults.
        config.set(
                "matrix",
                source.get("matrix") instanceof ObjectNode matrix
                        ? matrix.deepCopy()
                        : new ConfigLoader(Map.of()).defaults().get("matrix"));
        config.remove("api");
        if (source.get("api") instanceof ObjectNode api) {
            config.set("api", api.deepCopy());
        }
        config.put("ductor_home", agentHome.root().toString());
        return config;
    }

    private static JsonNode listOrEmpty(ObjectNode source, String key) {
        JsonNode value = source.get(key);
        return value != null && value.isArray() ? value.deepCopy() : JSON.createArrayNode();
    }

    /**
     * Writes the agent's effective {@code config.json} from the main one; true when the file changed. A main
     * file that cannot be read is an {@link AgentsFileException}: the agent keeps what it has.
     */
    public static boolean write(DuctorHome main, AgentEntry entry) {
        ObjectNode mainTree;
        try {
            mainTree = JSON.readTree(Files.readAllBytes(main.configFile())) instanceof ObjectNode object
                    ? object
                    : JSON.createObjectNode();
        } catch (IOException | RuntimeException e) {
            throw new AgentsFileException("Cannot read " + main.configFile() + " for agent " + entry.name() + ": " + e);
        }
        DuctorHome home = main.agent(entry.name());
        byte[] rendered = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(render(mainTree, entry, home));
        Path file = home.configFile();
        try {
            if (Files.exists(file) && Arrays.equals(Files.readAllBytes(file), rendered)) {
                return false;
            }
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new AgentsFileException("Cannot write " + file + ": " + e.getMessage());
        }
        AtomicFiles.write(file, rendered);
        return true;
    }

    /** The main agent's home of a sub-agent's {@code agents/<name>/} ({@link DuctorHome#agent}). */
    public static DuctorHome mainHome(DuctorHome agentHome) {
        Path agents = agentHome.root().getParent();
        if (agents == null
                || agents.getParent() == null
                || !agents.getFileName().toString().equals("agents")) {
            throw new IllegalArgumentException("Not a sub-agent's home: " + agentHome.root());
        }
        return new DuctorHome(agents.getParent());
    }

    /**
     * The environment a sub-agent's configuration loader sees: the service's, without the
     * {@code DUCTOR_<KEY>} overrides of keys the entry decides (the main bot's token set by environment must
     * not become the sub-agent's).
     */
    public static Map<String, String> environment(Map<String, String> env, AgentEntry entry) {
        Map<String, String> result = new HashMap<>(env);
        result.keySet().removeIf(name -> {
            if (!name.startsWith("DUCTOR_")) {
                return false;
            }
            String key =
                    name.substring("DUCTOR_".length()).toLowerCase(Locale.ROOT).split("__")[0];
            return FORCED.contains(key)
                    || key.equals("ductor_home")
                    || entry.json().hasNonNull(key);
        });
        return result;
    }
}
