package dev.ductor.orchestrator.models;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * {@code /model <name>} and the wizard's last step (behaviour §2.12): never queued; a changed model kills the
 * chat's (or topic's) running turn and applies from the next message; inside a topic only that topic's
 * session changes, outside topics config.json's {@code model}/{@code provider} too (a sub-agent's entry in
 * {@code agents.json}, {@link SavingModelChoice}).
 */
@Component
public class SwitchingModel {

    private final ModelRegistry registry;
    private final SessionStore sessions;
    private final Conversations conversations;
    private final ConfigStore config;
    private final SavingModelChoice saving;
    private final Bus bus;
    private final Texts texts;

    SwitchingModel(
            ModelRegistry registry,
            SessionStore sessions,
            Conversations conversations,
            ConfigStore config,
            SavingModelChoice saving,
            Bus bus,
            Texts texts) {
        this.texts = texts;
        this.registry = registry;
        this.sessions = sessions;
        this.conversations = conversations;
        this.config = config;
        this.saving = saving;
        this.bus = bus;
    }

    /** Switches and returns ductor's reply text. */
    public String switchTo(ChatRef chat, String requested, @Nullable String effort) {
        String provider = registry.providerOf(requested);
        String model = provider.equals("codex") ? requested : requested.toLowerCase(Locale.ROOT);
        DuctorConfig current = config.current();
        boolean topic = chat.topicId() != null;
        var session = sessions.get(chat);
        String oldModel = session.map(s -> s.model()).orElse(current.model());
        String oldProvider = session.map(s -> s.provider()).orElse(current.provider());

        List<String> efforts = registry.efforts(model);
        if (effort != null && !efforts.contains(effort)) {
            return texts.t(
                    "model.invalid_effort",
                    "effort",
                    effort,
                    "model",
                    model,
                    "supported",
                    efforts.isEmpty() ? texts.t("model.invalid_effort_none") : String.join(", ", efforts));
        }
        boolean effortChanged = effort != null && !effort.equals(current.reasoningEffort());
        if (oldModel.equals(model)
                && !effortChanged
                && (topic || current.model().equals(model))) {
            return texts.t("model.already_running", "model", model);
        }
        boolean modelChanged = !oldModel.equals(model);
        boolean busy = conversations.busy(chat);
        if (modelChanged) {
            conversations
                    .activeRun(chat)
                    .ifPresent(runId -> bus.control(new CancelRun(runId, CancelRun.Mode.STOP), runId));
        }
        var updated = sessions.retarget(chat, provider, model);
        if (!topic) {
            Map<String, String> changes = new LinkedHashMap<>();
            changes.put("model", model);
            changes.put("provider", provider);
            if (effort != null) {
                changes.put("reasoning_effort", effort);
            } else if (!efforts.isEmpty()
                    && !efforts.contains(current.reasoningEffort())
                    && !current.reasoningEffort().equals("default")) {
                changes.put("reasoning_effort", "medium");
            }
            saving.save(changes);
        }

        List<String> lines = new ArrayList<>();
        lines.add(texts.t("model.switched"));
        lines.add(
                modelChanged
                        ? texts.t("model.model_change", "old", oldModel, "new", model)
                        : texts.t("model.model_line", "model", model));
        if (!oldProvider.equals(provider)) {
            lines.add(texts.t("model.provider_change", "old", oldProvider, "new", provider));
        }
        if (effort != null) {
            lines.add(texts.t("model.reasoning_line", "effort", effort));
        }
        var bucket = updated.bucket(provider);
        String resume = "";
        if (!oldProvider.equals(provider) && (bucket.messageCount() > 0 || bucket.sessionId() != null)) {
            resume = texts.t(
                    "model.resume_hint",
                    "sid",
                    bucket.sessionId() == null ? texts.t("model.resume_pending") : bucket.sessionId(),
                    "count",
                    bucket.messageCount(),
                    "label",
                    texts.i18n().plural("model.resume_msg", bucket.messageCount()),
                    "model",
                    model);
        }
        return Texts.fmt(
                String.join("\n", lines), resume, busy ? "_" + texts.t("model.switched_while_busy") + "_" : "");
    }
}
