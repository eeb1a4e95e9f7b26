package dev.ductor.orchestrator.models;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.RunnerStatus;
import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.state.AtomicFiles;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * ductor's model caches {@code config/codex_models.json} and {@code config/gemini_models.json} (behaviour
 * §4.7), filled from what the runners report (the CLIs live there). A report rewrites a cache when its list
 * differs or the cache is an hour old (so the first report after a start, and then one an hour, refresh
 * it); a cache under 24 hours old is used as it is while no runner reports, an older one is stale and not
 * used. The files keep ductor's format, so a home moved between ductor and this product keeps its lists.
 * Each file is read once, at its first use; after that the lists live in memory (a report every few seconds
 * and every {@code /model} or {@code @model} read them), and the file is only written.
 */
@Component
public class ModelCaches {

    private static final Logger log = LoggerFactory.getLogger(ModelCaches.class);
    static final Duration REFRESH = Duration.ofHours(1);
    static final Duration MAX_AGE = Duration.ofHours(24);
    /** Python's {@code datetime.isoformat()} of an aware UTC time, as ductor writes it. */
    private static final DateTimeFormatter PYTHON_ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSxxx");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** One cache as read: its models and when they were found. */
    public record Cache(Instant lastUpdated, List<ModelInfo> models) {}

    private final Path codexFile;
    private final Path geminiFile;
    private final Clock clock;
    /** Each provider's cache as last read or written. */
    private final Map<String, Optional<Cache>> caches = new HashMap<>();

    @Autowired
    public ModelCaches(DuctorHome home) {
        this(home, Clock.systemUTC());
    }

    ModelCaches(DuctorHome home, Clock clock) {
        this.codexFile = home.configFile().resolveSibling("codex_models.json");
        this.geminiFile = home.configFile().resolveSibling("gemini_models.json");
        this.clock = clock;
    }

    /** Takes the model lists of one runner's report. */
    public synchronized void reported(RunnerStatus status) {
        for (RunnerStatus.ProviderStatus provider : status.providers()) {
            List<ModelInfo> models = provider.models();
            if (models == null || models.isEmpty()) {
                continue;
            }
            Path file = file(provider.provider());
            if (file == null) {
                continue;
            }
            Optional<Cache> cached = cache(provider.provider());
            boolean due = cached.isEmpty()
                    || !cached.get().models().equals(normalised(provider.provider(), models))
                    || !clock.instant().isBefore(cached.get().lastUpdated().plus(REFRESH));
            if (due) {
                Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS); // as the file keeps it
                write(file, provider.provider(), models, now);
                caches.put(provider.provider(), Optional.of(new Cache(now, normalised(provider.provider(), models))));
            }
        }
    }

    /** Codex's cached models, empty when there is no cache or it is stale. */
    public synchronized List<ModelInfo> codex() {
        return fresh("codex").map(Cache::models).orElse(List.of());
    }

    /** Gemini's cached model ids, empty when there is no cache or it is stale. */
    public synchronized List<String> gemini() {
        return fresh("gemini")
                .map(c -> c.models().stream().map(ModelInfo::id).toList())
                .orElse(List.of());
    }

    /** The cache of {@code provider} as on disk, stale or not (for {@code /diagnose}). */
    public synchronized Optional<Cache> cache(String provider) {
        Path file = file(provider);
        return file == null ? Optional.empty() : caches.computeIfAbsent(provider, p -> read(file, p));
    }

    private Optional<Cache> fresh(String provider) {
        return cache(provider)
                .filter(c -> clock.instant().isBefore(c.lastUpdated().plus(MAX_AGE)));
    }

    private @org.jspecify.annotations.Nullable Path file(String provider) {
        return switch (provider) {
            case "codex" -> codexFile;
            case "gemini" -> geminiFile;
            default -> null;
        };
    }

    /** What a list looks like after a round trip through its file. */
    private static List<ModelInfo> normalised(String provider, List<ModelInfo> models) {
        return provider.equals("gemini")
                ? models.stream().map(m -> ModelInfo.named(m.id())).toList()
                : models;
    }

    private void write(Path file, String provider, List<ModelInfo> models, Instant now) {
        ObjectNode root = JSON.createObjectNode();
        root.put("last_updated", OffsetDateTime.ofInstant(now, ZoneOffset.UTC).format(PYTHON_ISO));
        ArrayNode list = root.putArray("models");
        for (ModelInfo m : models) {
            if (provider.equals("gemini")) {
                list.add(m.id());
                continue;
            }
            ObjectNode entry = list.addObject();
            entry.put("id", m.id());
            entry.put("display_name", m.displayName());
            entry.put("description", m.description());
            ArrayNode efforts = entry.putArray("supported_efforts");
            m.supportedEfforts().forEach(efforts::add);
            entry.put("default_effort", m.defaultEffort());
            entry.put("is_default", m.isDefault());
        }
        try {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(
                    file,
                    JSON.writerWithDefaultPrettyPrinter()
                            .writeValueAsString(root)
                            .getBytes(StandardCharsets.UTF_8));
            log.info("Cached {} {} model(s) in {}", models.size(), provider, file);
        } catch (Exception e) {
            log.warn("Cannot write the model cache {}: {}", file, e.toString());
        }
    }

    /**
     * Reads a cache: ductor's object {@code {last_updated, models}} (Codex entries as objects, Gemini's as
     * ids or objects); a file without {@code last_updated} counts as written when it was last modified.
     */
    private static Optional<Cache> read(Path file, String provider) {
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            JsonNode root = JSON.readTree(Files.readString(file));
            JsonNode list = root.isArray() ? root : root.path("models");
            List<ModelInfo> models = new ArrayList<>();
            for (JsonNode node : list) {
                ModelInfo model = node.isString() ? ModelInfo.named(node.asString()) : entry(node, provider);
                if (!model.id().isBlank()) {
                    models.add(model);
                }
            }
            String updated = root.path("last_updated").asString("");
            Instant at = updated.isBlank()
                    ? Files.getLastModifiedTime(file).toInstant()
                    : OffsetDateTime.parse(updated).toInstant();
            return Optional.of(new Cache(at, List.copyOf(models)));
        } catch (Exception e) {
            log.warn("Cannot read the model cache {}: {}", file, e.toString());
            return Optional.empty();
        }
    }

    private static ModelInfo entry(JsonNode node, String provider) {
        String id = node.path("id").asString("");
        if (provider.equals("gemini")) {
            return ModelInfo.named(id);
        }
        List<String> efforts = new ArrayList<>();
        node.path("supported_efforts").forEach(e -> {
            String effort = e.isObject() ? e.path("effort").asString("") : e.asString("");
            if (!effort.isBlank()) {
                efforts.add(effort);
            }
        });
        return new ModelInfo(
                id,
                node.path("display_name").asString(id),
                node.path("description").asString(""),
                List.copyOf(efforts),
                node.path("default_effort").asString(""),
                node.path("is_default").asBoolean(false));
    }
}
