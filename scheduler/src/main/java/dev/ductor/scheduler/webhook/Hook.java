package dev.ductor.scheduler.webhook;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/**
 * One entry of {@code webhooks.json} (behaviour §6.2) with ductor's defaults; the regular expressions are
 * compiled once. A hook whose regex does not compile is kept (so it answers 401, not 404) and reported.
 */
record Hook(
        String id,
        String title,
        String mode,
        String promptTemplate,
        boolean enabled,
        @Nullable String taskFolder,
        String authMode,
        @Nullable String token,
        @Nullable String hmacSecret,
        @Nullable String hmacHeader,
        String hmacAlgorithm,
        String hmacEncoding,
        String hmacSigPrefix,
        @Nullable Pattern hmacSigRegex,
        @Nullable Pattern hmacPayloadPrefixRegex,
        boolean regexBroken,
        @Nullable String provider,
        @Nullable String model,
        @Nullable String reasoningEffort,
        List<String> cliParameters,
        @Nullable Integer quietStart,
        @Nullable Integer quietEnd,
        @Nullable String dependency) {

    static Hook from(JsonNode node) {
        String id = text(node, "id", "");
        boolean[] broken = {false};
        List<String> parameters = new ArrayList<>();
        node.path("cli_parameters").forEach(p -> parameters.add(p.asString()));
        return new Hook(
                id,
                text(node, "title", id),
                text(node, "mode", "wake"),
                text(node, "prompt_template", ""),
                node.path("enabled").asBoolean(true),
                blankToNull(text(node, "task_folder", "")),
                text(node, "auth_mode", "bearer"),
                blankToNull(text(node, "token", "")),
                blankToNull(text(node, "hmac_secret", "")),
                blankToNull(text(node, "hmac_header", "")),
                text(node, "hmac_algorithm", "sha256"),
                text(node, "hmac_encoding", "hex"),
                text(node, "hmac_sig_prefix", "sha256="),
                regex(text(node, "hmac_sig_regex", ""), broken),
                regex(text(node, "hmac_payload_prefix_regex", ""), broken),
                broken[0],
                blankToNull(text(node, "provider", "")),
                blankToNull(text(node, "model", "")),
                blankToNull(text(node, "reasoning_effort", "")),
                List.copyOf(parameters),
                hour(node, "quiet_start"),
                hour(node, "quiet_end"),
                blankToNull(text(node, "dependency", "")));
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? fallback : value.asString();
    }

    private static @Nullable String blankToNull(String value) {
        return value.isBlank() ? null : value;
    }

    private static @Nullable Integer hour(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isIntegralNumber() ? value.asInt() : null;
    }

    private static @Nullable Pattern regex(String source, boolean[] broken) {
        if (source.isEmpty()) {
            return null;
        }
        try {
            return Pattern.compile(source);
        } catch (PatternSyntaxException e) {
            broken[0] = true;
            return null;
        }
    }
}
