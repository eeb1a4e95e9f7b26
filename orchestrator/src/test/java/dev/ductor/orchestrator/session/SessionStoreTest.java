package dev.ductor.orchestrator.session;

import static dev.ductor.orchestrator.TestMessages.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class SessionStoreTest {

    @TempDir
    Path root;

    private DuctorHome home;
    private ConfigStore config;
    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    @BeforeEach
    void setUp() throws Exception {
        home = new DuctorHome(root);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), """
                {"allowed_user_ids":[111],"provider":"claude","model":"opus","idle_timeout_minutes":60}
                """);
        config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
    }

    private SessionStore store() {
        return new SessionStore(home, config, clock);
    }

    private JsonNode sessionsJson() throws Exception {
        return JsonMapper.builder().build().readTree(Files.readString(home.sessionsFile()));
    }

    @Test
    void writesSessionsJsonInDuctorsFormat() throws Exception {
        var store = store();
        store.resolve(chat(123));
        store.recordTurn(chat(123), "claude", "sess-1", 0.25, 1000, clock.instant());

        JsonNode entry = sessionsJson().get("tg:123");
        assertThat(entry).isNotNull();
        assertThat(entry.get("transport").asString()).isEqualTo("tg");
        assertThat(entry.get("chat_id").asLong()).isEqualTo(123);
        assertThat(entry.has("topic_id")).isTrue();
        assertThat(entry.get("provider").asString()).isEqualTo("claude");
        assertThat(entry.get("model").asString()).isEqualTo("opus");
        assertThat(entry.get("reasoning_effort").asString()).isEqualTo("medium");
        assertThat(entry.has("created_at")).isTrue();
        assertThat(entry.has("last_active")).isTrue();
        JsonNode bucket = entry.get("provider_sessions").get("claude");
        assertThat(bucket.get("session_id").asString()).isEqualTo("sess-1");
        assertThat(bucket.get("message_count").asInt()).isEqualTo(1);
        assertThat(bucket.get("total_cost_usd").asDouble()).isEqualTo(0.25);
        assertThat(bucket.get("total_tokens").asLong()).isEqualTo(1000);
    }

    @Test
    void theLastActiveChatOfATransportIsTheRoomTalkedInLastAndKnownChatsAreThoseWithASession() {
        var store = store();
        assertThat(store.lastActiveChat("mx", "main")).isEmpty();

        store.resolve(new ChatRef("mx", "main", 501, null));
        clock.advance(Duration.ofMinutes(1));
        store.recordTurn(new ChatRef("mx", "main", 502, 9L), "claude", "s", 0, 0, clock.instant());
        clock.advance(Duration.ofMinutes(1));
        store.resolve(chat(123)); // another transport
        store.resolve(ChatRef.broadcast("mx", "main")); // the broadcast address is no room

        // behaviour §5.8: the room, without its thread, as the agent's default Matrix room
        assertThat(store.lastActiveChat("mx", "main")).contains(new ChatRef("mx", "main", 502, null));
        assertThat(store.knows("mx", 501)).isTrue();
        assertThat(store.knows("mx", 502)).isTrue();
        assertThat(store.knows("mx", 123)).isFalse();
        assertThat(store.knows("mx", ChatRef.BROADCAST)).isFalse();
    }

    @Test
    void topicSessionsUseTheTopicStorageKey() throws Exception {
        store().recordTurn(new ChatRef("tg", "main", -100, 42L), "claude", "s", 0, 0, clock.instant());

        JsonNode entry = sessionsJson().get("tg:-100:42");
        assertThat(entry.get("topic_id").asLong()).isEqualTo(42);
    }

    @Test
    void recordTurnCountsPerProviderBucketAndSurvivesReload() {
        var store = store();
        store.recordTurn(chat(1), "claude", "c-1", 0.1, 100, clock.instant());
        store.recordTurn(chat(1), "claude", null, 0.2, 200, clock.instant());
        store.recordTurn(chat(1), "codex", "x-1", 0.0, 50, clock.instant());

        var session = store().get(chat(1)).orElseThrow();
        assertThat(session.bucket("claude").sessionId()).isEqualTo("c-1");
        assertThat(session.bucket("claude").messageCount()).isEqualTo(2);
        assertThat(session.bucket("claude").totalCostUsd()).isCloseTo(0.3, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(session.bucket("claude").totalTokens()).isEqualTo(300);
        assertThat(session.bucket("codex").sessionId()).isEqualTo("x-1");
        assertThat(session.bucket("codex").messageCount()).isEqualTo(1);
        assertThat(session.active().sessionId()).isEqualTo("c-1");
    }

    @Test
    void freshSessionIsKeptIdleOneIsReplaced() {
        var store = store();
        store.recordTurn(chat(1), "claude", "c-1", 0, 0, clock.instant());

        clock.advance(Duration.ofMinutes(59));
        assertThat(store.resolve(chat(1)).active().sessionId()).isEqualTo("c-1");

        store.recordTurn(chat(1), "claude", null, 0, 0, clock.instant());
        clock.advance(Duration.ofMinutes(60));
        var fresh = store.resolve(chat(1));
        assertThat(fresh.active().sessionId()).isNull();
        assertThat(fresh.providerSessions()).isEmpty();
        assertThat(fresh.createdAt()).isEqualTo(clock.instant());
        assertThat(store().get(chat(1)).orElseThrow().providerSessions()).isEmpty();
    }

    @Test
    void preserveSessionIdKeepsAFirstIdWithoutCountingATurn() {
        var store = store();
        store.resolve(chat(1));
        store.preserveSessionId(chat(1), "claude", "c-1", clock.instant());
        store.preserveSessionId(chat(1), "claude", "c-2", clock.instant());
        store.preserveSessionId(chat(1), "claude", " ", clock.instant());

        var bucket = store().get(chat(1)).orElseThrow().bucket("claude");
        assertThat(bucket.sessionId()).isEqualTo("c-1");
        assertThat(bucket.messageCount()).isZero();
    }

    @Test
    void preserveSessionIdForAnUnknownChatCreatesNothing() {
        store().preserveSessionId(chat(5), "claude", "c-1", clock.instant());

        assertThat(store().get(chat(5))).isEmpty();
    }

    @Test
    void resetToDefaultDropsOnlyTheDefaultProvidersBucket() {
        var store = store();
        store.recordTurn(chat(1), "claude", "c-1", 0, 0, clock.instant());
        store.recordTurn(chat(1), "codex", "x-1", 0, 0, clock.instant());

        store.resetToDefault(chat(1));

        var session = store().get(chat(1)).orElseThrow();
        assertThat(session.providerSessions()).containsOnlyKeys("codex");
        assertThat(session.provider()).isEqualTo("claude");
        assertThat(session.model()).isEqualTo("opus");
        assertThat(session.active().sessionId()).isNull();
    }

    @Test
    void resetToDefaultCreatesAMissingSession() {
        store().resetToDefault(chat(8));

        assertThat(store().get(chat(8))).isPresent();
    }

    @Test
    void aResetAfterATurnBeganKeepsThatTurnOutOfTheNewBucket() {
        var store = store();
        store.recordTurn(chat(1), "claude", "c-1", 0, 0, clock.instant());
        Instant turnStart = clock.instant();
        clock.advance(Duration.ofSeconds(1));

        store.resetToDefault(chat(1));
        store.preserveSessionId(chat(1), "claude", "c-1", turnStart);
        store.recordTurn(chat(1), "claude", "c-1", 0.5, 10, turnStart);

        assertThat(store().get(chat(1)).orElseThrow().bucket("claude"))
                .isEqualTo(dev.ductor.orchestrator.session.ProviderSession.empty());
        clock.advance(Duration.ofSeconds(1));
        store.recordTurn(chat(1), "claude", "c-2", 0, 0, clock.instant());
        assertThat(store.get(chat(1)).orElseThrow().bucket("claude").sessionId())
                .isEqualTo("c-2");
    }

    @Test
    void aStaleSessionReplacedWhileATurnRanIsNotRefilledByIt() {
        var store = store();
        store.recordTurn(chat(1), "claude", "c-1", 0, 0, clock.instant());
        Instant turnStart = clock.instant();
        clock.advance(Duration.ofMinutes(61));

        store.resolve(chat(1)); // idle for longer than idle_timeout_minutes: a new session
        store.recordTurn(chat(1), "claude", "c-1", 0, 0, turnStart);

        assertThat(store.get(chat(1)).orElseThrow().providerSessions()).isEmpty();
    }

    private long keptOriginals() throws Exception {
        try (var files = Files.list(root)) {
            return files.filter(p -> p.getFileName().toString().startsWith("sessions.json.before-repair-"))
                    .count();
        }
    }

    @Test
    void entriesWithMissingOrNullFieldsAreFilledInAtLoadAndStillServeTurns() throws Exception {
        Files.writeString(home.sessionsFile(), """
                {"tg:1": {"transport": "tg", "chat_id": 1, "provider": "claude", "model": "opus",
                          "created_at": "2026-03-01T09:30:00Z", "last_active": "2026-03-01T09:59:00Z"},
                 "tg:2": {"provider": null, "model": null, "created_at": null, "last_active": null,
                          "provider_sessions": {"claude": null, "codex": {"session_id": "x-1"}}},
                 "tg:3": null}
                """);

        var store = store();

        var first = store.resolve(chat(1));
        assertThat(first.createdAt()).isEqualTo(Instant.parse("2026-03-01T09:30:00Z"));
        assertThat(first.providerSessions()).isEmpty();
        store.recordTurn(chat(1), "claude", "c-1", 0, 0, clock.instant());
        assertThat(store.get(chat(1)).orElseThrow().active().sessionId()).isEqualTo("c-1");

        var second = store.get(chat(2)).orElseThrow();
        assertThat(second.transport()).isEqualTo("tg");
        assertThat(second.chatId()).isEqualTo(2);
        assertThat(second.provider()).isEqualTo("claude");
        assertThat(second.model()).isEqualTo("opus");
        assertThat(second.providerSessions()).containsOnlyKeys("codex");
        assertThat(store.resolve(chat(2)).active().sessionId()).isNull(); // never active: a stale session
        assertThat(store.get(chat(3))).isEmpty();
        assertThat(keptOriginals()).isEqualTo(1);
        assertThat(sessionsJson()
                        .get("tg:1")
                        .get("provider_sessions")
                        .get("claude")
                        .get("session_id")
                        .asString())
                .isEqualTo("c-1");
    }

    @Test
    void aSessionsFileOfJustNullStartsEmpty() throws Exception {
        Files.writeString(home.sessionsFile(), "null");

        assertThat(store().resolve(chat(1)).provider()).isEqualTo("claude");
    }
}
