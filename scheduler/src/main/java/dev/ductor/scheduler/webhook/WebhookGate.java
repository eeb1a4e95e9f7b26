package dev.ductor.scheduler.webhook;

import com.sun.net.httpserver.Headers;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.WebhookFired;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.scheduler.ToOrchestrator;
import dev.ductor.time.QuietHours;
import dev.ductor.time.Zones;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code POST /hooks/{id}} in ductor's order (behaviour §6.2): 429 rate limit, 413 body too large, 415 not
 * JSON, 400 invalid JSON or not an object, 404 unknown hook, 403 disabled, 401 auth, then 202 — sent
 * only after the broker confirmed the {@link WebhookFired} (503 when it did not, so the sender retries).
 * What ductor decides after its 202 is decided here too, before publishing: a {@code cron_task} hook
 * without a folder ({@code error:no_task_folder}), in its quiet hours ({@code skipped:quiet_hours}), or an
 * unknown mode ({@code error:unknown_mode_<mode>}) is recorded in {@code webhooks.json} and runs nothing.
 */
public final class WebhookGate {

    private static final Logger log = LoggerFactory.getLogger(WebhookGate.class);

    /** An HTTP answer: status, JSON body, and the hook it is counted under ({@code -} for none). */
    record Reply(int status, String json, String hook) {}

    private final ConfigStore config;
    private final HooksFile hooks;
    private final GlobalToken token;
    private final ToOrchestrator orchestrator;
    private final SchedulerMetrics metrics;
    private final Zones zones;
    private final Clock clock;
    private final RateLimit rateLimit;
    private final JsonMapper mapper = JsonMapper.builder().build();

    WebhookGate(
            ConfigStore config,
            HooksFile hooks,
            GlobalToken token,
            ToOrchestrator orchestrator,
            SchedulerMetrics metrics,
            Zones zones,
            Clock clock) {
        this.config = config;
        this.hooks = hooks;
        this.token = token;
        this.orchestrator = orchestrator;
        this.metrics = metrics;
        this.zones = zones;
        this.clock = clock;
        this.rateLimit = new RateLimit(clock);
    }

    Reply post(String hookId, Headers headers, @Nullable Long declaredLength, InputStream body) {
        Reply reply = validate(hookId, headers, declaredLength, body);
        metrics.webhookRequest(reply.hook(), reply.status());
        return reply;
    }

    private Reply validate(String hookId, Headers headers, @Nullable Long declaredLength, InputStream in) {
        DuctorConfig.Webhooks settings = config.current().webhooks();
        if (!rateLimit.allow(settings.rateLimitPerMinute())) {
            return error(429, "rate_limited", "-");
        }
        int max = Math.max(0, settings.maxBodyBytes());
        if (declaredLength != null && declaredLength > max) {
            return error(413, "body_too_large", "-");
        }
        byte[] body;
        try {
            body = in.readNBytes(max + 1);
        } catch (IOException e) {
            return error(400, "unreadable_body", "-");
        }
        if (body.length > max) {
            return error(413, "body_too_large", "-");
        }
        if (!isJson(headers.getFirst("Content-Type"))) {
            return error(415, "content_type_must_be_json", "-");
        }
        JsonNode payload;
        try {
            payload = mapper.readTree(body);
        } catch (JacksonException | IllegalArgumentException e) {
            return error(400, "invalid_json", "-");
        }
        if (!(payload instanceof ObjectNode object)) {
            return error(400, "body_must_be_object", "-");
        }
        Optional<Hook> found = hooks.find(hookId);
        if (found.isEmpty()) {
            return error(404, "hook_not_found", "-");
        }
        Hook hook = found.get();
        if (!hook.enabled()) {
            return error(403, "hook_disabled", hook.id());
        }
        if (!HookAuth.authorized(hook, headers, body, token.current(), clock.instant())) {
            return error(401, "unauthorized", hook.id());
        }
        return accept(hook, object);
    }

    private Reply accept(Hook hook, ObjectNode payload) {
        Instant now = clock.instant();
        String refused = refusal(hook, now);
        if (refused != null) {
            log.info("Webhook {} accepted but not run: {}", hook.id(), refused);
            hooks.recordTrigger(hook.id(), now, refused);
            return accepted(hook);
        }
        String requestId = UUID.randomUUID().toString();
        var fired = new WebhookFired(
                hook.id(),
                requestId,
                hook.mode(),
                hook.title(),
                PromptTemplate.render(hook.promptTemplate(), payload),
                null,
                hook.taskFolder(),
                hook.provider(),
                hook.model(),
                hook.reasoningEffort(),
                hook.cliParameters(),
                hook.dependency(),
                now);
        try {
            orchestrator.send("tg", fired, "wh:" + orchestrator.agent() + ":" + hook.id() + ":" + requestId);
        } catch (RuntimeException e) {
            log.error("Webhook {} could not be handed to the orchestrator; answered 503", hook.id(), e);
            return error(503, "unavailable", hook.id());
        }
        hooks.recordTrigger(hook.id(), now, null);
        log.info("Webhook {} ({}) accepted as {}", hook.id(), hook.mode(), requestId);
        return accepted(hook);
    }

    private @Nullable String refusal(Hook hook, Instant now) {
        return switch (hook.mode()) {
            case "wake" -> null;
            case "cron_task" -> {
                if (hook.taskFolder() == null) {
                    yield "error:no_task_folder";
                }
                int hour =
                        now.atZone(zones.user(config.current().userTimezone())).getHour();
                yield QuietHours.quiet(hook.quietStart(), hook.quietEnd(), hour) ? "skipped:quiet_hours" : null;
            }
            default -> "error:unknown_mode_" + hook.mode();
        };
    }

    private Reply accepted(Hook hook) {
        ObjectNode json = mapper.createObjectNode();
        json.put("accepted", true);
        json.put("hook_id", hook.id());
        return new Reply(202, json.toString(), hook.id());
    }

    private Reply error(int status, String code, String hook) {
        return new Reply(status, mapper.createObjectNode().put("error", code).toString(), hook);
    }

    static boolean isJson(@Nullable String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String mime = semicolon < 0 ? contentType : contentType.substring(0, semicolon);
        return mime.trim().toLowerCase(Locale.ROOT).equals("application/json");
    }
}
