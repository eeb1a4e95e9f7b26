package dev.ductor.orchestrator.journal;

import static dev.ductor.orchestrator.TestMessages.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import dev.ductor.orchestrator.OrchestratorProperties;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TurnJournalTest {

    @TempDir
    Path root;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));

    private TurnJournal journal(int entries, Duration ttl) {
        var properties = new OrchestratorProperties(Duration.ofSeconds(30), Duration.ofSeconds(2), entries, ttl);
        return new TurnJournal(new DuctorHome(root), properties, clock);
    }

    private TurnJournal journal() {
        return journal(5000, Duration.ofHours(24));
    }

    private static InflightTurn turn(String runId) {
        return new InflightTurn(
                runId,
                chat(1),
                "10",
                "claude",
                "opus",
                "hello",
                Instant.parse("2026-03-01T10:00:00Z"),
                InflightTurn.Phase.ACCEPTED,
                true);
    }

    @Test
    void acceptedTurnAndSeenKeySurviveARestart() {
        journal().accept("tg:1:10", turn("run-1"));

        // On disk when accept returns: one line appended to the journal's log, not turns.json rewritten.
        assertThat(root.resolve("state/orchestrator/turns.json.log")).content().contains("tg:1:10", "run-1");
        var reloaded = journal();
        assertThat(reloaded.seen("tg:1:10")).isTrue();
        assertThat(reloaded.seen("tg:1:11")).isFalse();
        assertThat(reloaded.get("run-1")).contains(turn("run-1"));
        assertThat(reloaded.inflight()).containsExactly(turn("run-1"));
    }

    @Test
    void markSeenIsPersistedWithoutATurn() {
        journal().markSeen("tg:1:5");

        var reloaded = journal();
        assertThat(reloaded.seen("tg:1:5")).isTrue();
        assertThat(reloaded.inflight()).isEmpty();
    }

    @Test
    void forgetUndoesAcceptOnDisk() {
        var journal = journal();
        journal.accept("tg:1:10", turn("run-1"));
        journal.forget("tg:1:10", "run-1");

        var reloaded = journal();
        assertThat(reloaded.seen("tg:1:10")).isFalse();
        assertThat(reloaded.get("run-1")).isEmpty();
    }

    @Test
    void advanceOnlyMovesForwardAndIsPersisted() {
        var journal = journal();
        journal.accept("tg:1:10", turn("run-1"));
        journal.advance("run-1", InflightTurn.Phase.RUNNING);
        journal.advance("run-1", InflightTurn.Phase.QUEUED);
        journal.advance("run-unknown", InflightTurn.Phase.RUNNING);

        assertThat(journal().get("run-1").orElseThrow().phase()).isEqualTo(InflightTurn.Phase.RUNNING);
        assertThat(journal().get("run-unknown")).isEmpty();
    }

    @Test
    void finishRemovesTheTurnButKeepsTheKeySeen() {
        var journal = journal();
        journal.accept("tg:1:10", turn("run-1"));

        assertThat(journal.finish("run-1")).contains(turn("run-1"));
        assertThat(journal.finish("run-1")).isEmpty();
        var reloaded = journal();
        assertThat(reloaded.inflight()).isEmpty();
        assertThat(reloaded.seen("tg:1:10")).isTrue();
    }

    @Test
    void dedupWindowDropsTheOldestKeysBeyondItsSize() throws Exception {
        var journal = journal(3, Duration.ofHours(24));
        for (int i = 1; i <= 5; i++) {
            clock.advance(Duration.ofSeconds(1));
            journal.markSeen("tg:1:" + i);
        }

        for (var j : new TurnJournal[] {journal, journal(3, Duration.ofHours(24))}) {
            assertThat(j.seen("tg:1:1")).isFalse();
            assertThat(j.seen("tg:1:2")).isFalse();
            assertThat(j.seen("tg:1:3")).isTrue();
            assertThat(j.seen("tg:1:4")).isTrue();
            assertThat(j.seen("tg:1:5")).isTrue();
        }
        assertThat(Files.readString(root.resolve("state/orchestrator/turns.json")))
                .doesNotContain("tg:1:1\"")
                .contains("tg:1:5");
    }

    @Test
    void dedupWindowDropsKeysOlderThanItsTtl() {
        var journal = journal(5000, Duration.ofMinutes(10));
        journal.markSeen("tg:1:old");
        clock.advance(Duration.ofMinutes(11));
        journal.markSeen("tg:1:new");

        assertThat(journal.seen("tg:1:old")).isFalse();
        assertThat(journal.seen("tg:1:new")).isTrue();
    }

    private Path turnsFile() throws Exception {
        Path file = root.resolve("state/orchestrator/turns.json");
        Files.createDirectories(file.getParent());
        return file;
    }

    private long keptOriginals() throws Exception {
        try (var files = Files.list(root.resolve("state/orchestrator"))) {
            return files.filter(p -> p.getFileName().toString().startsWith("turns.json.before-repair-"))
                    .count();
        }
    }

    @Test
    void anEmptyObjectLoadsAsAnEmptyJournalThatStillWorks() throws Exception {
        Files.writeString(turnsFile(), "{}");

        var journal = journal();
        journal.accept("tg:1:10", turn("run-1"));

        assertThat(journal.inflight()).containsExactly(turn("run-1"));
        assertThat(journal().seen("tg:1:10")).isTrue();
        assertThat(keptOriginals()).isEqualTo(1);
    }

    @Test
    void halfEntriesAreFilledInOrDroppedAtLoad() throws Exception {
        Files.writeString(turnsFile(), """
                {"seen": {"tg:1:1": "2026-03-01T09:00:00Z", "tg:1:2": null},
                 "inflight": {
                   "run-half": {"chat": {"transport": "tg", "agent": "main", "chatId": 1}},
                   "run-nochat": {"runId": "run-nochat", "provider": "claude"},
                   "run-null": null
                 }}
                """);

        var journal = journal();

        assertThat(journal.seen("tg:1:1")).isTrue();
        assertThat(journal.seen("tg:1:2")).isFalse();
        assertThat(journal.inflight()).singleElement().satisfies(turn -> {
            assertThat(turn.runId()).isEqualTo("run-half");
            assertThat(turn.chat()).isEqualTo(chat(1));
            assertThat(turn.phase()).isEqualTo(InflightTurn.Phase.RUNNING);
            assertThat(turn.acceptedAt()).isEqualTo(clock.instant());
            assertThat(turn.promptPreview()).isEmpty();
        });
        assertThat(journal().inflight()).hasSize(1);
        assertThat(keptOriginals()).isEqualTo(1);
    }

    @Test
    void aSoundJournalIsNotRewrittenAtLoad() throws Exception {
        journal().accept("tg:1:10", turn("run-1"));

        journal();

        assertThat(keptOriginals()).isZero();
    }

    @Test
    void anAcceptThatCannotBeWrittenRecordsNothingWhileEndingsWaitForTheNextWrite() throws Exception {
        var journal = journal();
        journal.accept("tg:1:9", turn("run-0"));
        Path dir = root.resolve("state/orchestrator");
        Path moved = root.resolve("moved");
        Files.move(dir, moved);
        Files.writeString(dir, "a file where the directory was: nothing can be written");

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> journal.accept("tg:1:10", turn("run-1")))
                .isInstanceOf(dev.ductor.state.StateNotWritten.class);
        assertThat(journal.seen("tg:1:10")).isFalse();
        assertThat(journal.get("run-1")).isEmpty();
        journal.finish("run-0"); // not thrown: the turn is over either way
        journal.markSeen("tg:1:11");
        assertThat(journal.inflight()).isEmpty();

        Files.delete(dir);
        Files.move(moved, dir);
        journal.markSeen("tg:1:12");
        var reloaded = journal();
        assertThat(reloaded.inflight()).isEmpty();
        assertThat(reloaded.seen("tg:1:11")).isTrue();
    }
}
