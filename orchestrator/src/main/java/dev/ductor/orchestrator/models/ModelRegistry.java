package dev.ductor.orchestrator.models;

import dev.ductor.config.DuctorHome;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The models of each provider (behaviour §4.7): Claude's fixed list, Gemini's aliases and {@code gemini-*}
 * ids, Codex's from ductor's cache {@code config/codex_models.json}; any other name is a Codex model.
 */
@Component
public class ModelRegistry {

    private static final Logger log = LoggerFactory.getLogger(ModelRegistry.class);

    static final List<String> CLAUDE = List.of("haiku", "sonnet", "opus");
    static final List<String> GEMINI_ALIASES = List.of("auto", "pro", "flash", "flash-lite");
    static final List<String> EFFORTS = List.of("low", "medium", "high", "xhigh");

    /** A Codex model as cached by ductor. */
    record CodexModel(String id, String displayName, List<String> efforts) {}

    private final Path codexCache;
    private final Path geminiCache;

    ModelRegistry(DuctorHome home) {
        this.codexCache = home.configFile().resolveSibling("codex_models.json");
        this.geminiCache = home.configFile().resolveSibling("gemini_models.json");
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

    /** Every model id known by name (for {@code @model} directives). */
    public boolean isKnown(String model) {
        String id = model.toLowerCase(Locale.ROOT);
        return CLAUDE.contains(id)
                || providerOf(id).equals("gemini")
                || codexModels().stream().anyMatch(m -> m.id().equalsIgnoreCase(id));
    }

    List<String> efforts(String model) {
        if (!providerOf(model).equals("codex")) {
            return List.of();
        }
        return codexModels().stream()
                .filter(m -> m.id().equals(model) && !m.efforts().isEmpty())
                .map(CodexModel::efforts)
                .findFirst()
                .orElse(EFFORTS);
    }

    List<CodexModel> codexModels() {
        List<CodexModel> models = new ArrayList<>();
        for (JsonNode node : entries(codexCache)) {
            String id = node.path("id").asString("");
            if (id.isBlank()) {
                continue;
            }
            List<String> efforts = new ArrayList<>();
            node.path("supported_efforts")
                    .forEach(e -> efforts.add(e.isObject() ? e.path("effort").asString("") : e.asString("")));
            efforts.removeIf(String::isBlank);
            models.add(new CodexModel(id, node.path("display_name").asString(id), efforts));
        }
        return models;
    }

    /** Gemini's aliases, then the discovered ids, stable before preview. */
    List<String> geminiModels() {
        List<String> discovered = new ArrayList<>();
        for (JsonNode node : entries(geminiCache)) {
            String id = node.isString() ? node.asString() : node.path("id").asString("");
            if (!id.isBlank() && !GEMINI_ALIASES.contains(id)) {
                discovered.add(id);
            }
        }
        discovered.sort((a, b) -> Boolean.compare(a.contains("preview"), b.contains("preview")));
        List<String> all = new ArrayList<>(GEMINI_ALIASES);
        all.addAll(discovered);
        return all;
    }

    private static Iterable<JsonNode> entries(Path file) {
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        try {
            JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file));
            JsonNode list = root.isArray() ? root : root.path("models");
            return list.isArray() ? list : List.of();
        } catch (Exception e) {
            log.warn("Cannot read model cache {}: {}", file, e.getMessage());
            return List.of();
        }
    }

    static final Set<String> PROVIDERS = Set.of("claude", "codex", "gemini");
}
