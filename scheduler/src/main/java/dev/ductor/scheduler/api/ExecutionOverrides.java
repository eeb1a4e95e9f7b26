package dev.ductor.scheduler.api;

import java.util.List;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The execution overrides a cron job and a {@code cron_task} webhook share (behaviour §6.8): their flags,
 * the checks on them and the fields they set ({@code provider}, {@code model}, {@code reasoning_effort},
 * {@code cli_parameters}, {@code quiet_start}, {@code quiet_end}, {@code dependency}).
 */
final class ExecutionOverrides {

    static final List<String> PROVIDERS = List.of("claude", "codex", "gemini");
    static final List<String> EFFORTS = List.of("low", "medium", "high", "xhigh");
    static final Set<String> FLAGS =
            Set.of("provider", "model", "reasoning-effort", "cli-parameters", "quiet-start", "quiet-end", "dependency");

    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private ExecutionOverrides() {}

    /**
     * Sets on {@code entry} the overrides {@code flags} carries.
     *
     * @throws IllegalArgumentException naming the flag whose value is refused
     */
    static void apply(Flags flags, ObjectNode entry) {
        flags.choice("provider", PROVIDERS).ifPresent(p -> entry.put("provider", p));
        flags.text("model").ifPresent(m -> entry.put("model", m));
        flags.choice("reasoning-effort", EFFORTS).ifPresent(e -> entry.put("reasoning_effort", e));
        flags.text("cli-parameters").ifPresent(p -> entry.set("cli_parameters", array(p, "--cli-parameters")));
        flags.hour("quiet-start").ifPresent(h -> entry.put("quiet_start", h));
        flags.hour("quiet-end").ifPresent(h -> entry.put("quiet_end", h));
        flags.text("dependency").ifPresent(d -> entry.put("dependency", d));
    }

    /** A JSON array given on the command line. */
    private static JsonNode array(String json, String flag) {
        JsonNode parsed;
        try {
            parsed = MAPPER.readTree(json);
        } catch (JacksonException e) {
            throw new IllegalArgumentException("Invalid " + flag + " JSON: " + e.getOriginalMessage());
        }
        if (!parsed.isArray()) {
            throw new IllegalArgumentException(flag + " must be a JSON array");
        }
        return parsed;
    }
}
