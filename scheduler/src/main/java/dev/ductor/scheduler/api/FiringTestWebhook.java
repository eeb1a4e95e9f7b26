package dev.ductor.scheduler.api;

import dev.ductor.config.DuctorConfig;
import dev.ductor.scheduler.webhook.HookAuth;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code webhook_test "<hook-id>" [--payload JSON]} (behaviour §6.8): sends the payload (default
 * {@code {"test": true}}) to the hook through the real webhook server, {@code POST /hooks/<id>} on
 * {@code webhooks.host}:{@code port}, authenticated as the hook expects (its bearer token or the global one;
 * an HMAC signature over the body with the hook's secret, algorithm, encoding, prefix and, for a
 * {@code t=…} timestamp scheme, the signed timestamp), so the hook runs as it will for its sender. The answer
 * is the server's status and reply; anything but {@code 202} is a refusal.
 */
final class FiringTestWebhook implements AgentTool {

    private static final Duration TIMEOUT = Duration.ofSeconds(15);

    private final ListFile hooks;
    private final Supplier<DuctorConfig.Webhooks> settings;
    private final Clock clock;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

    FiringTestWebhook(ListFile hooks, Supplier<DuctorConfig.Webhooks> settings, Clock clock) {
        this.hooks = hooks;
        this.settings = settings;
        this.clock = clock;
    }

    @Override
    public ToolResult run(ToolCall call) {
        Flags flags;
        try {
            flags = Flags.parse(call.args(), Set.of("payload"), Set.of());
        } catch (IllegalArgumentException e) {
            return ToolResult.usage(USAGE + "\n" + e.getMessage());
        }
        if (flags.positional().size() != 1 || flags.positional().getFirst().isBlank()) {
            return ToolResult.usage(USAGE);
        }
        String wanted = flags.positional().getFirst().strip();
        byte[] body;
        try {
            JsonNode payload = mapper.readTree(flags.value("payload").orElse("{\"test\": true}"));
            if (!payload.isObject()) {
                return ToolResult.error("--payload must be a JSON object");
            }
            body = mapper.writeValueAsBytes(payload);
        } catch (JacksonException e) {
            return ToolResult.error("Invalid --payload JSON: " + e.getOriginalMessage());
        }
        DuctorConfig.Webhooks server = settings.get();
        if (!server.enabled()) {
            return ToolResult.error("The webhook server is off: set webhooks.enabled to true in config.json and"
                    + " restart the scheduler, then test again");
        }
        ObjectNode[] found = new ObjectNode[1];
        ToolResult missing = hooks.read(root -> {
            found[0] = hooks.find(root, wanted, null);
            return found[0] == null ? WebhookTools.notFound(hooks, root, wanted) : ToolResult.success(Map.of());
        });
        if (found[0] == null) {
            return missing;
        }
        ObjectNode hook = found[0];
        String mode = hook.path("auth_mode").asString("bearer");
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        URI.create("http://" + address(server.host()) + ":" + server.port() + "/hooks/" + wanted))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (mode.equals("hmac")) {
            Optional<String> signature = signature(hook, body);
            if (signature.isEmpty()) {
                return ToolResult.error("Cannot build a signature header that this hook's hmac_sig_regex and"
                        + " hmac_payload_prefix_regex accept: test it with the real sender");
            }
            request.header(hook.path("hmac_header").asString(""), signature.get());
        } else {
            String token = hook.path("token").asString("");
            token = token.isEmpty() ? server.token() : token;
            if (token == null || token.isEmpty()) {
                return ToolResult.error("Hook '" + wanted + "' has no token and no global webhooks.token is set:"
                        + " python3 tools/webhook_tools/webhook_rotate_token.py \"" + wanted + "\" gives it one");
            }
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            return ToolResult.error("The webhook server at " + address(server.host()) + ":" + server.port()
                    + " does not answer (" + e + "): is the scheduler running with webhooks enabled?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ToolResult.error("Interrupted while waiting for the webhook server");
        }
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("hook_id", wanted);
        result.put("auth_mode", mode);
        result.put("status", response.statusCode());
        result.put("response", reply(response.body()));
        if (response.statusCode() == 202) {
            result.put(
                    "note",
                    "Accepted: the hook runs now as for a real request; its result arrives in the chat ("
                            + hook.path("mode").asString("wake") + " mode).");
            return ToolResult.success(result);
        }
        return ToolResult.failure(result);
    }

    private Object reply(String body) {
        try {
            return mapper.readTree(body);
        } catch (JacksonException e) {
            return body;
        }
    }

    /** The server listens on every address: the test goes to this host's loopback. */
    private static String address(String host) {
        return switch (host) {
            case "0.0.0.0", "", "::", "[::]" -> "127.0.0.1";
            default -> host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
        };
    }

    /**
     * The value of the hook's signature header: the first of ductor's usual shapes ({@code <prefix><sig>},
     * the bare signature, {@code t=<time>,v1=<sig>}) from which the hook's regular expressions read back the
     * signature and the signed timestamp, as the server will.
     */
    private Optional<String> signature(ObjectNode hook, byte[] body) {
        String secret = hook.path("hmac_secret").asString("");
        if (secret.isEmpty() || hook.path("hmac_header").asString("").isEmpty()) {
            return Optional.empty();
        }
        String prefix = hook.path("hmac_sig_prefix").asString("sha256=");
        Pattern sigRegex = pattern(hook.path("hmac_sig_regex").asString(""));
        Pattern payloadRegex = pattern(hook.path("hmac_payload_prefix_regex").asString(""));
        String time = Long.toString(clock.instant().getEpochSecond());
        byte[] signed = body;
        if (payloadRegex != null) {
            byte[] head = (time + ".").getBytes(StandardCharsets.UTF_8);
            signed = new byte[head.length + body.length];
            System.arraycopy(head, 0, signed, 0, head.length);
            System.arraycopy(body, 0, signed, head.length, body.length);
        }
        byte[] mac = HookAuth.sign(hook.path("hmac_algorithm").asString("sha256"), secret, signed);
        String sig = hook.path("hmac_encoding").asString("hex").equals("base64")
                ? Base64.getEncoder().encodeToString(mac)
                : HexFormat.of().formatHex(mac);
        List<String> candidates = new ArrayList<>(List.of(prefix + sig, sig, "t=" + time + ",v1=" + sig));
        candidates.add("t=" + time + "," + prefix + sig);
        for (String header : candidates) {
            String readSig = sigRegex != null
                    ? group(sigRegex, header)
                    : header.startsWith(prefix) ? header.substring(prefix.length()) : null;
            String readTime = payloadRegex != null ? group(payloadRegex, header) : time;
            if (sig.equals(readSig) && time.equals(readTime)) {
                return Optional.of(header);
            }
        }
        return Optional.empty();
    }

    private static @Nullable Pattern pattern(String regex) {
        try {
            return regex.isEmpty() ? null : Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            // a hook with a broken regex is refused by the server too: no header fits it
            return Pattern.compile("(?!)");
        }
    }

    private static @Nullable String group(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() && m.groupCount() >= 1 ? m.group(1) : null;
    }

    private static final String USAGE = """
            WEBHOOK TEST -- fire a hook through the webhook server as its sender would:
              python3 tools/webhook_tools/webhook_test.py "<hook-id>" [--payload '{"test": true}']
            Needs webhooks.enabled in config.json and the scheduler running; the hook then really runs.
            """;
}
