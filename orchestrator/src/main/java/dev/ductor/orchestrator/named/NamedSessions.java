package dev.ductor.orchestrator.named;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.state.DuctorJson;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.StateNotWritten;
import dev.ductor.state.StateRepairs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry of named sessions (behaviour §5.6), {@code named_sessions.json} in ductor's format, written
 * atomically on every change; an ended session stays known in memory (its follow-up is told it ended) but
 * is no longer written. At load, entries that lack fields ductor's older files lack get ductor's defaults,
 * entries without a name or chat are dropped ({@link StateRepairs}). Sessions are keyed by chat, shared by
 * the chat's topics, as ductor's.
 */
@Component
public class NamedSessions {

    private static final Logger log = LoggerFactory.getLogger(NamedSessions.class);

    /** ductor's cap on user-created active sessions per chat. */
    public static final int MAX_PER_CHAT = 10;

    /** ductor's cap on inter-agent sessions per chat (behaviour §5.8); they do not count against the other. */
    public static final int MAX_INTER_AGENT_PER_CHAT = 32;

    private final JsonStateFile<NamedSessionsFile> file;
    private final Clock clock;
    private final SessionNames names;
    /** By chat id, then name. */
    private final Map<Long, Map<String, NamedSession>> sessions = new LinkedHashMap<>();

    @Autowired
    NamedSessions(DuctorHome home) {
        this(home, Clock.systemUTC(), new SessionNames());
    }

    /** With its own clock (tests). */
    public NamedSessions(DuctorHome home, Clock clock) {
        this(home, clock, new SessionNames());
    }

    NamedSessions(DuctorHome home, Clock clock, SessionNames names) {
        JsonMapper mapper = DuctorJson.mapper();
        this.file = new JsonStateFile<>(
                home.root().resolve("named_sessions.json"),
                mapper,
                mapper.constructType(NamedSessionsFile.class),
                () -> new NamedSessionsFile(List.of()));
        this.clock = clock;
        this.names = names;
        var repairs = new StateRepairs();
        NamedSessionsFile loaded = file.loadAsParsed();
        for (NamedSession entry : repaired(loaded, repairs)) {
            sessions.computeIfAbsent(entry.chatId(), id -> new LinkedHashMap<>())
                    .put(entry.name(), entry);
        }
        repairs.settle(file, snapshot());
    }

    private static List<NamedSession> repaired(NamedSessionsFile loaded, StateRepairs repairs) {
        List<NamedSession> result = new ArrayList<>();
        if (loaded.sessions() == null) {
            repairs.note("\"sessions\" was missing; empty");
            return result;
        }
        int index = 0;
        for (NamedSession entry : loaded.sessions()) {
            index++;
            if (entry == null || entry.name() == null || entry.name().isBlank() || entry.chatId() == 0) {
                repairs.note("entry " + index + " has no name or chat; dropped");
                continue;
            }
            if (NamedSession.ENDED.equals(entry.status())) {
                continue;
            }
            NamedSession mended = mended(entry);
            if (!mended.equals(entry)) {
                repairs.note("entry '" + entry.name() + "' lacked fields; ductor's defaults filled in");
            }
            result.add(mended);
        }
        return result;
    }

    /** ductor's defaults for what an older or hand-edited entry lacks. */
    private static NamedSession mended(NamedSession e) {
        String preview = or(e.promptPreview(), "");
        return new NamedSession(
                e.name(),
                e.chatId(),
                e.topicId(),
                or(e.transport(), "tg"),
                or(e.provider(), "claude"),
                or(e.model(), ""),
                or(e.reasoningEffort(), ""),
                or(e.sessionId(), ""),
                preview,
                e.status() == null ? NamedSession.IDLE : e.status(),
                e.createdAt(),
                Math.max(0, e.messageCount()),
                or(e.lastPrompt(), preview));
    }

    private static String or(@Nullable String value, String fallback) {
        return value == null ? fallback : value;
    }

    /**
     * A new session of the chat, {@code running} with its opening prompt; empty when the chat has
     * {@link #MAX_PER_CHAT} active sessions already. Throws {@link StateNotWritten} (nothing created) when
     * the file cannot be written.
     */
    public synchronized Optional<NamedSession> create(
            ChatRef chat, String provider, String model, String effort, String prompt) {
        Set<String> active = activeNames(chat.chatId());
        if (active.stream().filter(n -> !interAgent(n)).count() >= MAX_PER_CHAT) {
            return Optional.empty();
        }
        String name = names.generate(active);
        var session = fresh(chat, name, provider, model, effort, prompt, NamedSession.RUNNING);
        put(session, null);
        log.info("Named session {} created in {} ({} {})", name, chat.storageKey(), provider, model);
        return Optional.of(session);
    }

    /** Whether {@code name} is an inter-agent session's ({@code ia-<sender>}, {@code ia.<…>}, behaviour §5.8). */
    public static boolean interAgent(String name) {
        return name.startsWith("ia-") || name.startsWith("ia.");
    }

    /**
     * The inter-agent session {@code name} of the chat for a message from another agent (behaviour §5.8): the
     * active one of that name, unless {@code fresh} asks for a new one or the agent's provider changed since it
     * was made ({@link InterAgentSession#providerSwitched}); then the old one is ended and a new one made,
     * evicting the chat's oldest idle inter-agent session when it has {@link #MAX_INTER_AGENT_PER_CHAT}.
     * Throws {@link StateNotWritten} when the file cannot be written.
     */
    public synchronized InterAgentSession interAgent(
            ChatRef chat, String name, String provider, String model, String effort, String prompt, boolean fresh) {
        var found = get(chat.chatId(), name).filter(s -> !s.status().equals(NamedSession.ENDED));
        boolean switched = found.isPresent() && !found.get().provider().equals(provider);
        if (found.isPresent() && !fresh && !switched) {
            return new InterAgentSession(found.get(), null);
        }
        found.ifPresent(old -> end(chat.chatId(), old.name()));
        List<NamedSession> others = active(chat.chatId()).stream()
                .filter(s -> interAgent(s.name()))
                .filter(s -> s.status().equals(NamedSession.IDLE))
                .toList();
        long count =
                active(chat.chatId()).stream().filter(s -> interAgent(s.name())).count();
        for (int i = 0; count - i >= MAX_INTER_AGENT_PER_CHAT && i < others.size(); i++) {
            log.info(
                    "Inter-agent session {} of chat {} evicted (oldest idle)",
                    others.get(i).name(),
                    chat.chatId());
            end(chat.chatId(), others.get(i).name());
        }
        var session = fresh(chat, name, provider, model, effort, prompt, NamedSession.IDLE);
        put(session, found.orElse(null));
        log.info("Inter-agent session {} created in {} ({} {})", name, chat.storageKey(), provider, model);
        return new InterAgentSession(session, switched ? found.get().provider() + " → " + provider : null);
    }

    /** A session made now, no CLI session yet: its preview the prompt's first 60 characters, its last 4000. */
    private NamedSession fresh(
            ChatRef chat, String name, String provider, String model, String effort, String prompt, String status) {
        return new NamedSession(
                name,
                chat.chatId(),
                chat.topicId(),
                chat.transport(),
                provider,
                model,
                effort,
                "",
                prompt.length() > 60 ? prompt.substring(0, 60) : prompt,
                status,
                clock.millis() / 1000.0,
                0,
                prompt.length() > 4000 ? prompt.substring(0, 4000) : prompt);
    }

    /** An inter-agent session, and the providers when it was made again because the agent's provider changed. */
    public record InterAgentSession(
            NamedSession session, @Nullable String providerSwitched) {}

    /** The session of that name in the chat, whatever its status. */
    public synchronized Optional<NamedSession> get(long chatId, String name) {
        return Optional.ofNullable(sessions.getOrDefault(chatId, Map.of()).get(name));
    }

    /** The chat's sessions not ended, oldest first. */
    public synchronized List<NamedSession> active(long chatId) {
        return sessions.getOrDefault(chatId, Map.of()).values().stream()
                .filter(s -> !s.status().equals(NamedSession.ENDED))
                .sorted(Comparator.comparingDouble(NamedSession::createdAt))
                .toList();
    }

    /**
     * The active session {@code name} in a chat of {@code transport}, whichever chat that is (the one made last
     * when several chats have one): where an inter-agent session of a sender already lives (behaviour §5.8).
     */
    public synchronized Optional<NamedSession> findActive(String transport, String name) {
        return allActive().stream()
                .filter(s -> s.name().equals(name) && s.transport().equals(transport))
                .max(Comparator.comparingDouble(NamedSession::createdAt));
    }

    /** Every session not ended, of every chat. */
    synchronized List<NamedSession> allActive() {
        return sessions.values().stream()
                .flatMap(m -> m.values().stream())
                .filter(s -> !s.status().equals(NamedSession.ENDED))
                .toList();
    }

    synchronized void markRunning(long chatId, String name, String prompt) {
        update(chatId, name, s -> s.running(prompt));
    }

    /** The end of a run: a new CLI session id kept, a turn counted if it answered, idle again. */
    public synchronized void answered(long chatId, String name, @Nullable String sessionId, boolean counted) {
        update(chatId, name, s -> s.answered(sessionId, counted));
    }

    /** True when it was active and is ended now. */
    public synchronized boolean end(long chatId, String name) {
        var found = get(chatId, name);
        if (found.isEmpty() || found.get().status().equals(NamedSession.ENDED)) {
            return false;
        }
        update(chatId, name, s -> s.withStatus(NamedSession.ENDED));
        log.info("Named session {} of chat {} ended", name, chatId);
        return true;
    }

    private Set<String> activeNames(long chatId) {
        return active(chatId).stream().map(NamedSession::name).collect(Collectors.toSet());
    }

    /** Saves the change; when the file cannot be written it throws and memory stays as it was. */
    private void update(long chatId, String name, UnaryOperator<NamedSession> change) {
        NamedSession current = sessions.getOrDefault(chatId, Map.of()).get(name);
        if (current != null) {
            put(change.apply(current), current);
        }
    }

    private void put(NamedSession session, @Nullable NamedSession earlier) {
        var chat = sessions.computeIfAbsent(session.chatId(), id -> new LinkedHashMap<>());
        chat.put(session.name(), session);
        try {
            file.save(snapshot());
        } catch (StateNotWritten e) {
            if (earlier == null) {
                chat.remove(session.name());
            } else {
                chat.put(session.name(), earlier);
            }
            throw e;
        }
    }

    private NamedSessionsFile snapshot() {
        return new NamedSessionsFile(List.copyOf(allActive()));
    }
}
