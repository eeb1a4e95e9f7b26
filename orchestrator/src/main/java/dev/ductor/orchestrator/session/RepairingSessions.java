package dev.ductor.orchestrator.session;

import dev.ductor.config.DuctorConfig;
import dev.ductor.model.Transport;
import dev.ductor.state.StateRepairs;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Mends {@code sessions.json} entries that parsed but miss fields (behaviour §5.2): a missing
 * {@code provider_sessions} is empty, a {@code null} bucket is dropped, a missing target is the configured
 * one, missing times are the other time or the epoch (the session is then stale, §5.3), a missing
 * transport or chat id is read from the entry's key. An entry that is just {@code null} is dropped.
 */
final class RepairingSessions {

    private RepairingSessions() {}

    static Map<String, SessionData> repaired(
            Map<String, @Nullable SessionData> loaded, DuctorConfig config, StateRepairs repairs) {
        var result = new LinkedHashMap<String, SessionData>();
        loaded.forEach((key, entry) -> {
            if (entry == null) {
                repairs.note("entry " + key + " is null; dropped");
            } else {
                result.put(key, repaired(key, entry, config, repairs));
            }
        });
        return result;
    }

    // The record declares its fields non-null; a file may still lack them.
    private static SessionData repaired(String key, SessionData entry, DuctorConfig config, StateRepairs repairs) {
        var missing = new StringBuilder();
        String[] keyParts = key.split(":");
        String transport = entry.transport();
        if (transport == null || transport.isBlank()) {
            transport = keyParts.length > 1 ? keyParts[0] : Transport.TELEGRAM.code();
            missing.append(" transport");
        }
        long chatId = entry.chatId();
        if (chatId == 0 && keyParts.length > 1) {
            try {
                chatId = Long.parseLong(keyParts[1]);
                missing.append(" chat_id");
            } catch (NumberFormatException e) {
                // not a key of ours (ductor's legacy format, behaviour §5.1): left as it is
            }
        }
        String provider = entry.provider();
        String model = entry.model();
        if (provider == null || provider.isBlank() || model == null || model.isBlank()) {
            provider = config.provider();
            model = config.model();
            missing.append(" provider/model");
        }
        String effort = entry.reasoningEffort();
        if (effort == null) {
            effort = config.reasoningEffort();
            missing.append(" reasoning_effort");
        }
        Instant created = entry.createdAt();
        Instant active = entry.lastActive();
        if (created == null || active == null) {
            Instant known = created != null ? created : active != null ? active : Instant.EPOCH;
            created = created == null ? known : created;
            active = active == null ? known : active;
            missing.append(" created_at/last_active");
        }
        var buckets = new LinkedHashMap<String, ProviderSession>();
        if (entry.providerSessions() == null) {
            missing.append(" provider_sessions");
        } else {
            entry.providerSessions().forEach((name, bucket) -> {
                if (bucket != null && name != null) {
                    buckets.put(name, bucket);
                }
            });
            if (buckets.size() != entry.providerSessions().size()) {
                missing.append(" provider_sessions entries");
            }
        }
        if (!missing.isEmpty()) {
            repairs.note("entry " + key + " lacked" + missing + "; filled in");
        }
        return new SessionData(
                transport,
                chatId,
                entry.topicId(),
                entry.topicName(),
                provider,
                model,
                effort,
                created,
                active,
                buckets);
    }
}
