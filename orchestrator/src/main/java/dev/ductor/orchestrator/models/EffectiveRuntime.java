package dev.ductor.orchestrator.models;

import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.runners.Runners;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * What a turn really runs on (behaviour §4.7, "effective runtime"): the conversation's provider and model
 * when a live runner reports that provider logged in (or when no runner reports any login, so the user gets
 * the CLI's own error); otherwise the default model of the first logged-in provider (Claude, Codex, Gemini),
 * without changing the conversation's choice.
 */
@Component
public class EffectiveRuntime {

    private static final List<String> ORDER = List.of("claude", "codex", "gemini");

    /** The provider and model to run; {@code instead} is the provider that was wanted when they differ. */
    public record Target(
            String provider, String model, @Nullable String instead) {

        public boolean fellBack() {
            return instead != null;
        }
    }

    private final Runners runners;
    private final ModelRegistry registry;
    /** The fallback each chat was last told about, so a chat hears of the same fallback once. */
    private final Map<ChatRef, Target> told = new ConcurrentHashMap<>();

    public EffectiveRuntime(Runners runners, ModelRegistry registry) {
        this.runners = runners;
        this.registry = registry;
    }

    public Target of(String provider, String model) {
        var loggedIn = runners.loggedIn();
        if (loggedIn.isEmpty() || loggedIn.contains(provider)) {
            return new Target(provider, model, null);
        }
        for (String candidate : ORDER) {
            if (loggedIn.contains(candidate)) {
                var fallback = registry.defaultModel(candidate);
                if (fallback.isPresent()) {
                    return new Target(candidate, fallback.get(), provider);
                }
            }
        }
        return new Target(provider, model, null);
    }

    /** Whether {@code chat} is to be told of {@code target}'s fallback now (the first turn that falls back so). */
    public boolean tell(ChatRef chat, Target target) {
        if (!target.fellBack()) {
            told.remove(chat);
            return false;
        }
        return !target.equals(told.put(chat, target));
    }
}
