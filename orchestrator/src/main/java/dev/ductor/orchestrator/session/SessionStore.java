package dev.ductor.orchestrator.session;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.state.DuctorJson;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.StateNotWritten;
import dev.ductor.state.StateRepairs;
import dev.ductor.time.Zones;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code DUCTOR_HOME/sessions.json}, in ductor's own format so an existing {@code ~/.ductor} keeps
 * working. Single writer (this orchestrator), every change saved atomically.
 */
@Component
public class SessionStore {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SessionStore.class);
    private static final Zones ZONES = Zones.host();
    private static final Duration DROP_MEMORY = Duration.ofDays(1);

    private final JsonStateFile<Map<String, SessionData>> file;
    private final ConfigStore config;
    private final Clock clock;
    private final Map<String, SessionData> sessions;
    /** When each bucket ({@code "<storage key> <provider>"}) or whole session ({@code "<key> *"}) was last dropped. */
    private final Map<String, Instant> droppedAt = new java.util.HashMap<>();

    @Autowired
    SessionStore(DuctorHome home, ConfigStore config) {
        this(home, config, Clock.systemUTC());
    }

    SessionStore(DuctorHome home, ConfigStore config, Clock clock) {
        JsonMapper mapper = DuctorJson.mapper();
        this.file = new JsonStateFile<>(
                home.sessionsFile(),
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, SessionData.class),
                LinkedHashMap::new);
        this.config = config;
        this.clock = clock;
        var repairs = new StateRepairs();
        this.sessions = RepairingSessions.repaired(file.loadAsParsed(), config.current(), repairs);
        repairs.settle(file, sessions);
    }

    /** The session of a chat as it stands, without creating or refreshing anything. */
    public synchronized Optional<SessionData> get(ChatRef chat) {
        return Optional.ofNullable(sessions.get(chat.storageKey()));
    }

    /**
     * The chat (without its topic) of {@code transport} whose session was active last: a chat an allowed
     * sender talked in, as only their turns keep a session here; empty before there is one. The broadcast
     * address (chat id 0) is no chat.
     */
    public synchronized Optional<ChatRef> lastActiveChat(String transport, String agent) {
        return sessions.values().stream()
                .filter(s -> s.transport().equals(transport) && s.chatId() != ChatRef.BROADCAST)
                .max(java.util.Comparator.comparing(SessionData::lastActive))
                .map(s -> new ChatRef(transport, agent, s.chatId(), null));
    }

    /** Whether a chat of {@code transport} (any of its topics) has a session here: someone allowed talked in it. */
    public synchronized boolean knows(String transport, long chatId) {
        return chatId != ChatRef.BROADCAST
                && sessions.values().stream().anyMatch(s -> s.transport().equals(transport) && s.chatId() == chatId);
    }

    /**
     * The session a new turn runs in (behaviour §5.3): the existing one while fresh, else a new one targeting
     * the configured default provider and model.
     */
    public synchronized SessionData resolve(ChatRef chat) {
        DuctorConfig current = config.current();
        SessionData existing = sessions.get(chat.storageKey());
        if (existing != null && isFresh(existing, current)) {
            return existing;
        }
        Instant now = clock.instant();
        if (existing != null) {
            dropped(dropKey(chat, "*"), now);
        }
        SessionData fresh = new SessionData(
                chat.transport(),
                chat.chatId(),
                chat.topicId(),
                existing == null ? null : existing.topicName(),
                current.provider(),
                current.model(),
                current.reasoningEffort(),
                now,
                now,
                new LinkedHashMap<>());
        sessions.put(chat.storageKey(), fresh);
        file.save(sessions);
        return fresh;
    }

    /** A forum topic's name (ductor's {@code topic_name}), kept on its session for {@code /status}. */
    public synchronized void nameTopic(ChatRef chat, String name) {
        SessionData existing = sessions.get(chat.storageKey());
        if (chat.topicId() == null || existing == null || name.equals(existing.topicName())) {
            return;
        }
        sessions.put(chat.storageKey(), existing.withTopicName(name));
        saveOrPostpone(chat);
    }

    /** The provider the chat's next turn would run on, without creating or refreshing anything. */
    public synchronized String nextProvider(ChatRef chat) {
        DuctorConfig current = config.current();
        SessionData existing = sessions.get(chat.storageKey());
        return existing != null && isFresh(existing, current) ? existing.provider() : current.provider();
    }

    /**
     * After a successful turn that started at {@code turnStart}: the CLI session id to resume, one more
     * message, cost and tokens. Nothing is written when the bucket was dropped after the turn began
     * ({@code /new}, {@code /reset}, a stale session replaced): the turn belongs to the dropped session,
     * and its id would make the next message resume it (behaviour §2.5).
     */
    public synchronized void recordTurn(
            ChatRef chat, String provider, @Nullable String sessionId, double cost, long tokens, Instant turnStart) {
        if (droppedSince(chat, provider, turnStart)) {
            return;
        }
        SessionData session = sessions.get(chat.storageKey());
        if (session == null) {
            session = resolve(chat);
        }
        ProviderSession bucket = session.bucket(provider);
        String keep = sessionId == null || sessionId.isBlank() ? bucket.sessionId() : sessionId;
        var updated = new ProviderSession(
                keep, bucket.messageCount() + 1, bucket.totalCostUsd() + cost, bucket.totalTokens() + tokens);
        sessions.put(chat.storageKey(), session.withBucket(provider, updated, clock.instant()));
        saveOrPostpone(chat);
    }

    /**
     * After an aborted or failed turn that started at {@code turnStart}: keep a newly learned CLI session
     * id without counting a turn — unless the bucket was dropped after the turn began (see
     * {@link #recordTurn}).
     */
    public synchronized void preserveSessionId(
            ChatRef chat, String provider, @Nullable String sessionId, Instant turnStart) {
        SessionData session = sessions.get(chat.storageKey());
        if (session == null || sessionId == null || sessionId.isBlank() || droppedSince(chat, provider, turnStart)) {
            return;
        }
        ProviderSession bucket = session.bucket(provider);
        if (bucket.sessionId() != null) {
            return;
        }
        var updated =
                new ProviderSession(sessionId, bucket.messageCount(), bucket.totalCostUsd(), bucket.totalTokens());
        sessions.put(chat.storageKey(), session.withBucket(provider, updated, session.lastActive()));
        saveOrPostpone(chat);
    }

    /** {@code /new}: drop the bucket of the default provider and return the target to the default. */
    public synchronized void resetToDefault(ChatRef chat) {
        DuctorConfig current = config.current();
        SessionData session = resolve(chat);
        Instant now = clock.instant();
        dropped(dropKey(chat, current.provider()), now);
        sessions.put(
                chat.storageKey(), session.withoutBucket(current.provider(), current.provider(), current.model(), now));
        file.save(sessions);
    }

    /**
     * {@code /model} and {@code @model}: the session the next message resolves targets this provider
     * and model (created if needed); each provider keeps its own bucket.
     */
    public synchronized SessionData retarget(ChatRef chat, String provider, String model) {
        SessionData session = resolve(chat);
        SessionData updated = session.withTarget(provider, model);
        sessions.put(chat.storageKey(), updated);
        file.save(sessions);
        return updated;
    }

    /** Drops one provider's bucket (its CLI session), keeping the target (a fresh-session retry, /reset). */
    public synchronized void resetProvider(ChatRef chat, String provider) {
        SessionData session = resolve(chat);
        Instant now = clock.instant();
        dropped(dropKey(chat, provider), now);
        sessions.put(chat.storageKey(), session.withoutBucket(provider, session.provider(), session.model(), now));
        file.save(sessions);
    }

    /**
     * Whether the provider's bucket, or the whole session, was dropped after {@code turnStart}. Kept in
     * memory: a turn still running across an orchestrator restart is not matched against a reset made
     * before the restart.
     */
    private boolean droppedSince(ChatRef chat, String provider, Instant turnStart) {
        for (String key : new String[] {dropKey(chat, provider), dropKey(chat, "*")}) {
            Instant dropped = droppedAt.get(key);
            if (dropped != null && dropped.isAfter(turnStart)) {
                log.info(
                        "The {} session of {} was reset after the turn of {} began; its result leaves the new one alone",
                        provider,
                        chat.storageKey(),
                        turnStart);
                return true;
            }
        }
        return false;
    }

    /**
     * The end of a turn (its session id and counters, a topic's name) is kept in memory when it cannot be
     * written, and written with the next save that succeeds: the answer still reaches the chat and the
     * chat is not held up. Changes a new message depends on ({@link #resolve}, the resets) throw instead,
     * so the message is refused (behaviour §3.17).
     */
    private void saveOrPostpone(ChatRef chat) {
        try {
            file.save(sessions);
        } catch (StateNotWritten e) {
            log.warn(
                    "sessions.json not written ({}); the change of {} is kept in memory",
                    e.getMessage(),
                    chat.storageKey());
        }
    }

    /**
     * Remembers a drop for the turns that began before it; one older than any turn can run (a day: the
     * longest timeouts are an hour, extensions included) can no longer matter and is forgotten.
     */
    private void dropped(String key, Instant now) {
        droppedAt.values().removeIf(at -> at.isBefore(now.minus(DROP_MEMORY)));
        droppedAt.put(key, now);
    }

    private static String dropKey(ChatRef chat, String provider) {
        return chat.storageKey() + " " + provider;
    }

    /**
     * When ductor's session-age note is due (behaviour §3.17), the session's age as it shows it ("13h", "3d"):
     * {@code session_age_warning_hours} is set, the session is older than that and its active bucket's
     * message count is a multiple of ten.
     */
    public synchronized Optional<String> ageWarning(ChatRef chat) {
        int hours = config.current().sessionAgeWarningHours();
        SessionData session = sessions.get(chat.storageKey());
        if (hours <= 0 || session == null) {
            return Optional.empty();
        }
        Duration age = Duration.between(session.createdAt(), clock.instant());
        int count = session.active().messageCount();
        if (age.compareTo(Duration.ofHours(hours)) <= 0 || count == 0 || count % 10 != 0) {
            return Optional.empty();
        }
        String shown = age.toHours() < 48 ? age.toHours() + "h" : age.toDays() + "d";
        return Optional.of(shown);
    }

    private boolean isFresh(SessionData session, DuctorConfig current) {
        Integer max = current.maxSessionMessages();
        if (max != null && max > 0 && session.active().messageCount() >= max) {
            return false;
        }
        if (current.dailyResetEnabled() && session.lastActive().isBefore(lastDailyReset(current))) {
            return false;
        }
        int idle = current.idleTimeoutMinutes();
        return idle <= 0
                || Duration.between(session.lastActive(), clock.instant()).compareTo(Duration.ofMinutes(idle)) < 0;
    }

    /**
     * The most recent {@code daily_reset_hour:00} in {@code user_timezone} (behaviour §5.3): today's if it
     * has passed, else yesterday's, in the user's zone as every other wall-clock rule reads it ({@link Zones}).
     */
    private Instant lastDailyReset(DuctorConfig current) {
        ZoneId zone = ZONES.user(current.userTimezone());
        ZonedDateTime now = clock.instant().atZone(zone);
        int hour = Math.clamp(current.dailyResetHour(), 0, 23);
        ZonedDateTime boundary = now.toLocalDate().atTime(hour, 0).atZone(zone);
        if (now.isBefore(boundary)) {
            boundary = now.toLocalDate().minusDays(1).atTime(hour, 0).atZone(zone);
        }
        return boundary.toInstant();
    }
}
