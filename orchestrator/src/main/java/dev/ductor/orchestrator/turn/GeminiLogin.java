package dev.ductor.orchestrator.turn;

import dev.ductor.model.InboundMessage;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.runners.Runners;
import dev.ductor.orchestrator.session.SessionStore;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether Gemini can log in is the runners' knowledge: each reports per provider whether its CLI is
 * installed and authenticated ({@code RunnerStatus}). A turn on Gemini while every live runner that has
 * Gemini reports it not authenticated is answered with ductor's missing-key text instead of queued. Without
 * such a report the turn goes to the runners, and one that cannot log in refuses it with
 * {@code gemini_missing_key:}, which the chat shows as the same text.
 */
@Component
public class GeminiLogin {

    private static final Logger log = LoggerFactory.getLogger(GeminiLogin.class);

    private final Runners runners;
    private final SessionStore sessions;
    private final ModelRegistry models;
    private final Texts texts;

    GeminiLogin(Runners runners, SessionStore sessions, ModelRegistry models, Texts texts) {
        this.runners = runners;
        this.sessions = sessions;
        this.models = models;
        this.texts = texts;
    }

    /** ductor's {@code gemini.missing_key} text if this message's turn would run Gemini where no runner can log in. */
    public Optional<String> refusal(InboundMessage message) {
        var directive = ModelDirective.parse(message.text(), models::isKnown);
        String provider = directive.model() != null
                ? models.providerOf(directive.model())
                : sessions.nextProvider(message.chat());
        if (!provider.equals("gemini")) {
            return Optional.empty();
        }
        List<RunnerStatus.ProviderStatus> gemini = runners.alive().stream()
                .flatMap(runner -> runner.providers().stream())
                .filter(p -> p.provider().equals("gemini") && p.installed())
                .toList();
        if (gemini.isEmpty() || gemini.stream().anyMatch(RunnerStatus.ProviderStatus::authenticated)) {
            return Optional.empty();
        }
        log.warn(
                "Turn for {} refused: no live runner is logged in to Gemini",
                message.chat().storageKey());
        return Optional.of(texts.t("gemini.missing_key"));
    }
}
