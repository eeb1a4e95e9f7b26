package dev.ductor.orchestrator.named;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NamedSessionsTest {

    static final ChatRef CHAT = new ChatRef("tg", "main", 123, null);

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private NamedSessions registry() {
        return new NamedSessions(new DuctorHome(home), clock, new SessionNames());
    }

    @Test
    void aSessionIsWrittenInDuctorsFormatAndSurvivesARestart() throws Exception {
        NamedSession created = registry()
                .create(CHAT, "claude", "opus", "medium", "Fix the broken CSV export and add a test for the header row")
                .orElseThrow();

        String json = Files.readString(home.resolve("named_sessions.json"));
        assertThat(json)
                .startsWith("{\n  \"sessions\" : [ {")
                .contains("\"name\" : \"" + created.name() + "\"")
                .contains("\"chat_id\" : 123")
                .contains("\"topic_id\" : null")
                .contains("\"transport\" : \"tg\"")
                .contains("\"reasoning_effort\" : \"medium\"")
                .contains("\"session_id\" : \"\"")
                .contains("\"prompt_preview\" : \"Fix the broken CSV export and add a test for the header row\"")
                .contains("\"status\" : \"running\"")
                .contains("\"created_at\" : 1.7723592E9")
                .contains("\"message_count\" : 0");
        assertThat(registry().get(123, created.name())).contains(created);
    }

    @Test
    void theEleventhActiveSessionOfAChatIsRefusedAndAnEndedOneIsForgottenOnDisk() {
        var registry = registry();
        for (int i = 0; i < NamedSessions.MAX_PER_CHAT; i++) {
            assertThat(registry.create(CHAT, "claude", "opus", "", "job " + i)).isPresent();
        }
        assertThat(registry.create(CHAT, "claude", "opus", "", "one too many")).isEmpty();
        assertThat(registry.create(new ChatRef("tg", "main", 456, null), "claude", "opus", "", "elsewhere"))
                .isPresent();

        String first = registry.active(123).getFirst().name();
        assertThat(registry.end(123, first)).isTrue();
        assertThat(registry.end(123, first)).isFalse();
        assertThat(registry.get(123, first)).map(NamedSession::status).contains(NamedSession.ENDED);
        assertThat(registry.create(CHAT, "claude", "opus", "", "room again")).isPresent();
        assertThat(registry().get(123, first)).isEmpty();
    }

    @Test
    void anAnswerKeepsTheCliSessionCountsTheTurnAndMakesTheSessionIdle() {
        var registry = registry();
        String name = registry.create(CHAT, "codex", "gpt-5", "", "start")
                .orElseThrow()
                .name();
        registry.answered(123, name, "019a-thread", true);
        registry.markRunning(123, name, "x".repeat(5000));
        registry.answered(123, name, null, false);

        NamedSession after = registry().get(123, name).orElseThrow();
        assertThat(after.sessionId()).isEqualTo("019a-thread");
        assertThat(after.messageCount()).isEqualTo(1);
        assertThat(after.status()).isEqualTo(NamedSession.IDLE);
        assertThat(after.lastPrompt()).hasSize(4000);
    }

    @Test
    void aFileMissingFieldsIsRepairedWithDuctorsDefaultsAndKeptAsFound() throws Exception {
        Files.writeString(home.resolve("named_sessions.json"), """
                {"sessions": [
                  {"name": "firmowl", "chat_id": 123, "provider": "claude", "model": "opus", "session_id": "s1",
                   "prompt_preview": "Fix the broken CSV export", "status": "idle", "created_at": 1772359200.0,
                   "message_count": 2},
                  {"chat_id": 123, "status": "idle"},
                  {"name": "oldfox", "chat_id": 123, "status": "ended"}
                ]}
                """);

        var registry = registry();

        assertThat(registry.active(123)).singleElement().satisfies(s -> {
            assertThat(s.name()).isEqualTo("firmowl");
            assertThat(s.transport()).isEqualTo("tg");
            assertThat(s.reasoningEffort()).isEmpty();
            assertThat(s.lastPrompt()).isEqualTo("Fix the broken CSV export");
            assertThat(s.sessionId()).isEqualTo("s1");
        });
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("named_sessions.json.before-repair-"));
        }
        assertThat(Files.readString(home.resolve("named_sessions.json")))
                .contains("\"last_prompt\" : \"Fix the broken CSV export\"")
                .doesNotContain("oldfox");
    }

    @Test
    void aCorruptFileIsMovedAsideAndTheRegistryStartsEmpty() throws Exception {
        Files.writeString(home.resolve("named_sessions.json"), "{\"sessions\": [");

        assertThat(registry().active(123)).isEmpty();
        try (var files = Files.list(home)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                    .anyMatch(n -> n.startsWith("named_sessions.json.corrupt-"));
        }
    }
}
