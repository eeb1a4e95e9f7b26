package dev.ductor.orchestrator.models;

import dev.ductor.model.RunnerStatus.ModelInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * The models of each provider (behaviour §4.7): Claude's fixed list, Gemini's aliases, {@code gemini-*} ids
 * and the ids the runners found, Codex's from the runners' lists ({@link ModelCaches}); any other name is a
 * Codex model.
 */
@Component
public class ModelRegistry {

    static final List<String> CLAUDE = List.of("haiku", "sonnet", "opus");
    static final List<String> GEMINI_ALIASES = List.of("auto", "pro", "flash", "flash-lite");
    /** Codex's efforts for a model the cache does not describe (ductor's fallback constant). */
    static final List<String> EFFORTS = List.of("low", "medium", "high", "xhigh");

    public static final Set<String> PROVIDERS = Set.of("claude", "codex", "gemini");

    private final ModelCaches caches;

    public ModelRegistry(ModelCaches caches) {
        this.caches = caches;
    }

    public String providerOf(String model) {
        String id = model.toLowerCase(Locale.ROOT);
        if (CLAUDE.contains(id) || id.startsWith("claude-") || id.endsWith("[1m]")) {
            return "claude";
        }
        if (GEMINI_ALIASES.contains(id) || id.startsWith("gemini-") || id.startsWith("auto-gemini-")) {
            return "gemini";
        }
        return "codex";
    }

    /**
     * Every model id known by name (for {@code @model} directives and the overrides of cron jobs and webhooks):
     * Claude's, any Gemini name, and the Codex models the runners listed.
     */
    public boolean isKnown(String model) {
        String id = model.toLowerCase(Locale.ROOT);
        return CLAUDE.contains(id)
                || providerOf(id).equals("gemini")
                || codexModels().stream().anyMatch(m -> m.id().equalsIgnoreCase(id));
    }

    /** The reasoning efforts {@code model} takes: none for Claude and Gemini, Codex's from its list. */
    public List<String> efforts(String model) {
        if (!providerOf(model).equals("codex")) {
            return List.of();
        }
        return codexModels().stream()
                .filter(m -> m.id().equals(model) && !m.supportedEfforts().isEmpty())
                .map(ModelInfo::supportedEfforts)
                .findFirst()
                .orElse(EFFORTS);
    }

    /**
     * The model a provider runs when nothing names one: {@code opus}, Gemini's {@code auto}, Codex's default
     * from its list (the first when none is marked); empty for Codex without a list, or an unknown provider.
     */
    public Optional<String> defaultModel(String provider) {
        return switch (provider) {
            case "claude" -> Optional.of("opus");
            case "gemini" -> Optional.of("auto");
            case "codex" -> {
                List<ModelInfo> codex = codexModels();
                yield codex.stream()
                        .filter(ModelInfo::isDefault)
                        .findFirst()
                        .or(() -> codex.stream().findFirst())
                        .map(ModelInfo::id);
            }
            default -> Optional.empty();
        };
    }

    /** The model ids a provider offers: Claude's three, Codex's listed ones, Gemini's aliases and ids. */
    public List<String> models(String provider) {
        return switch (provider) {
            case "claude" -> CLAUDE;
            case "codex" -> codexModels().stream().map(ModelInfo::id).toList();
            case "gemini" -> geminiModels();
            default -> List.of();
        };
    }

    public List<ModelInfo> codexModels() {
        return caches.codex();
    }

    /** Gemini's aliases, then the discovered ids, stable before preview. */
    List<String> geminiModels() {
        List<String> discovered = new ArrayList<>();
        for (String id : caches.gemini()) {
            if (!GEMINI_ALIASES.contains(id)) {
                discovered.add(id);
            }
        }
        discovered.sort((a, b) -> Boolean.compare(a.contains("preview"), b.contains("preview")));
        List<String> all = new ArrayList<>(GEMINI_ALIASES);
        all.addAll(discovered);
        return all;
    }
}
