package dev.ductor.orchestrator.named;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.background.TimedRun;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.SelectorMessages;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.amqp.AmqpException;

class NamedRunsTest {

    static final ChatRef CHAT = new ChatRef("tg", "main", 123, null);

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Bus bus = mock(Bus.class);
    private final Replies replies = mock(Replies.class);
    private ConfigStore config;
    private NamedSessions sessions;

    @BeforeEach
    void setUp() throws Exception {
        Path file = Files.createDirectories(home.resolve("config")).resolve("config.json");
        Files.writeString(file, "{\"allowed_user_ids\":[123]}");
        config = new ConfigStore(new ConfigLoader(Map.of()), file);
        sessions = new NamedSessions(new DuctorHome(home), clock, new SessionNames());
    }

    private NamedRuns runs() {
        return new NamedRuns(new DuctorHome(home), sessions, config, bus, replies, Texts.english(), clock);
    }

    private NamedSession session(String prompt) {
        return sessions.create(CHAT, "claude", "opus", "", prompt).orElseThrow();
    }

    private static RunFinished finished(String runId, RunFinished.Outcome outcome, String result) {
        return new RunFinished(runId, outcome, result, "sess-1", 0.01, 10, 1000, 0, null);
    }

    private String delivered(String runId) {
        var text = ArgumentCaptor.forClass(String.class);
        verify(replies).runText(eq(runId), eq("result"), eq(CHAT), text.capture(), eq("77"));
        return text.getValue();
    }

    @Test
    void aRunIsHandedOverInTheWorkspaceWithTheBackgroundTimeoutAndNoMainMemory() {
        NamedSession s = session("fix the CSV export");
        runs().start(s, CHAT, "fix the CSV export", "77", NamedRun.BACKGROUND, "0badcafe", () -> {});

        var request = ArgumentCaptor.forClass(RunRequest.class);
        verify(bus).toRunners(request.capture(), eq("ns-" + s.name() + "-0badcafe"));
        assertThat(request.getValue().prompt()).isEqualTo("fix the CSV export");
        assertThat(request.getValue().timeoutSeconds()).isEqualTo(1800);
        assertThat(request.getValue().resumeSessionId()).isNull();
        assertThat(request.getValue().appendSystemPrompt()).isNull();
        assertThat(request.getValue().workingDirectory()).isNull();
        assertThat(request.getValue().model()).isEqualTo("opus");
    }

    @Test
    void aRunRecordedBeforeARestartIsFinishedOnceAfterIt() {
        NamedSession s = session("fix the CSV export");
        runs().start(s, CHAT, "fix the CSV export", "77", NamedRun.BACKGROUND, "0badcafe", () -> {});
        String runId = NamedRuns.runId(s.name(), "0badcafe");
        clock.advance(Duration.ofSeconds(42));

        var restarted = runs();
        assertThat(restarted.owns(runId)).isTrue();
        assertThat(restarted.running(123)).isEqualTo(1);
        assertThat(restarted.finished(finished(runId, RunFinished.Outcome.SUCCESS, "Done.")))
                .isTrue();
        assertThat(restarted.finished(finished(runId, RunFinished.Outcome.SUCCESS, "Done.")))
                .isFalse();

        assertThat(delivered(runId)).isEqualTo("**[" + s.name() + "] Complete** (42s)\n\n───\n\nDone.");
        NamedSession after = sessions.get(123, s.name()).orElseThrow();
        assertThat(after.status()).isEqualTo(NamedSession.IDLE);
        assertThat(after.sessionId()).isEqualTo("sess-1");
        assertThat(after.messageCount()).isEqualTo(1);
        assertThat(runs().owns(runId)).isFalse();
    }

    @Test
    void aFollowUpResumesTheSessionsCliSession() {
        NamedSession s = session("start");
        sessions.answered(123, s.name(), "sess-1", true);
        runs().start(
                        sessions.get(123, s.name()).orElseThrow(),
                        CHAT,
                        "and now tests",
                        "77",
                        NamedRun.DIRECT,
                        "12345678",
                        () -> {});

        var request = ArgumentCaptor.forClass(RunRequest.class);
        verify(bus).toRunners(request.capture(), anyString());
        assertThat(request.getValue().resumeSessionId()).isEqualTo("sess-1");
        assertThat(sessions.get(123, s.name()).orElseThrow().status()).isEqualTo(NamedSession.RUNNING);
    }

    @Test
    void ductorsTextsForFailureCancellationAndADirectFollowUp() {
        var runs = runs();
        var run = new NamedRun(
                "r", "j", "redowl", CHAT, "77", "claude", NamedRun.BACKGROUND, "Fix it", 1800, clock.instant());
        var direct = new NamedRun(
                "r", "j", "redowl", CHAT, "77", "claude", NamedRun.DIRECT, "Fix it", 1800, clock.instant());
        clock.advance(Duration.ofSeconds(5));

        assertThat(runs.text(run, finished("r", RunFinished.Outcome.ERROR, "x".repeat(3000))))
                .startsWith("**[redowl] Failed** (5s)\n\n───\n\nxxx")
                .hasSize("**[redowl] Failed** (5s)\n\n───\n\n".length() + 2000);
        assertThat(runs.text(run, finished("r", RunFinished.Outcome.SUCCESS, "")))
                .isEqualTo("**[redowl] Complete** (5s)\n\n───\n\n_No output._");
        assertThat(runs.text(run, finished("r", RunFinished.Outcome.STOPPED, "")))
                .isEqualTo("**[redowl] Cancelled**\n\n───\n\n_Fix it_");
        assertThat(runs.text(direct, finished("r", RunFinished.Outcome.SUCCESS, "Tests added.")))
                .isEqualTo("**[redowl | claude]**\nTests added.");
        assertThat(runs.text(direct, finished("r", RunFinished.Outcome.ERROR, "boom")))
                .isEqualTo("**[redowl | claude]**\nError: boom");
        assertThat(runs.text(run, null)).startsWith("**[redowl] Failed** (5s)").contains("was not run again");
    }

    @Test
    void aRunWhoseRunnerWentSilentIsReportedOnceAndTheSessionIsIdleAgain() {
        NamedSession s = session("long job");
        var runs = runs();
        runs.start(s, CHAT, "long job", "77", NamedRun.BACKGROUND, "0badcafe", () -> {});
        String runId = NamedRuns.runId(s.name(), "0badcafe");

        runs.expire(clock.instant().plusSeconds(1800));
        assertThat(runs.owns(runId)).isTrue();
        runs.expire(clock.instant().plusSeconds(1800).plus(TimedRun.LOST_AFTER).plusSeconds(1));

        assertThat(delivered(runId)).contains("Failed").contains("was not run again");
        assertThat(runs.owns(runId)).isFalse();
        assertThat(sessions.get(123, s.name()).orElseThrow().status()).isEqualTo(NamedSession.IDLE);
    }

    @Test
    void aRunTheBrokerRefusedIsForgottenAndTheSessionIdleAgain() {
        NamedSession s = session("job");
        doThrow(new AmqpException("broker down")).when(bus).toRunners(any(), anyString());
        var runs = runs();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> runs.start(s, CHAT, "job", "77", NamedRun.BACKGROUND, "0badcafe", () -> {}))
                .isInstanceOf(AmqpException.class);
        assertThat(runs.running(123)).isZero();
        assertThat(sessions.get(123, s.name()).orElseThrow().status()).isEqualTo(NamedSession.IDLE);
        verify(replies, never()).runText(anyString(), anyString(), any(), anyString(), any());
    }

    @Test
    void endingASessionStopsItsRun() {
        NamedSession s = session("job");
        var runs = runs();
        runs.start(s, CHAT, "job", "77", NamedRun.BACKGROUND, "0badcafe", () -> {});
        var selector = new SessionsSelector(
                sessions, runs, new SelectorMessages(replies, new DuctorHome(home)), Texts.english(), clock);

        assertThat(selector.end(123, s.name())).isTrue();
        verify(bus).control(eq(new CancelRun("ns-" + s.name() + "-0badcafe", CancelRun.Mode.STOP)), anyString());
        assertThat(sessions.get(123, s.name()).orElseThrow().status()).isEqualTo(NamedSession.ENDED);
    }

    @Test
    void stopStopsTheRunsOfItsOwnChatOnlyNotThoseOfAnotherTransportsChatOfTheSameNumber() {
        NamedSession s = session("job");
        var runs = runs();
        runs.start(s, CHAT, "job", "77", NamedRun.BACKGROUND, "0badcafe", () -> {});
        var stop = new CancelRun("ns-" + s.name() + "-0badcafe", CancelRun.Mode.STOP);

        assertThat(runs.stopAll(new ChatRef("mx", "main", 123, null))).isFalse();
        verify(bus, never()).control(eq(stop), anyString());

        assertThat(runs.stopAll(new ChatRef("tg", "main", 123, 5L))).isTrue();
        verify(bus).control(eq(stop), anyString());
    }
}
