package dev.ductor.orchestrator.session;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** One entry of {@code sessions.json} (behaviour §5.2), keyed by {@code "<transport>:<chat>[:<topic>]"}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record SessionData(
        String transport,
        long chatId,
        @Nullable Long topicId,
        @Nullable String topicName,
        String provider,
        String model,
        String reasoningEffort,
        Instant createdAt,
        Instant lastActive,
        Map<String, ProviderSession> providerSessions) {

    public ProviderSession bucket(String forProvider) {
        ProviderSession bucket = providerSessions.get(forProvider);
        return bucket == null ? ProviderSession.empty() : bucket;
    }

    public ProviderSession active() {
        return bucket(provider);
    }

    SessionData withBucket(String forProvider, ProviderSession bucket, Instant now) {
        var buckets = new LinkedHashMap<>(providerSessions);
        buckets.put(forProvider, bucket);
        return new SessionData(
                transport, chatId, topicId, topicName, provider, model, reasoningEffort, createdAt, now, buckets);
    }

    SessionData withTopicName(String name) {
        return new SessionData(
                transport,
                chatId,
                topicId,
                name,
                provider,
                model,
                reasoningEffort,
                createdAt,
                lastActive,
                providerSessions);
    }

    SessionData withTarget(String newProvider, String newModel) {
        return new SessionData(
                transport,
                chatId,
                topicId,
                topicName,
                newProvider,
                newModel,
                reasoningEffort,
                createdAt,
                lastActive,
                providerSessions);
    }

    SessionData withoutBucket(String forProvider, String newProvider, String newModel, Instant now) {
        var buckets = new LinkedHashMap<>(providerSessions);
        buckets.remove(forProvider);
        return new SessionData(
                transport, chatId, topicId, topicName, newProvider, newModel, reasoningEffort, createdAt, now, buckets);
    }
}
