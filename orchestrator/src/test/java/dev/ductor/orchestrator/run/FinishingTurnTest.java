package dev.ductor.orchestrator.run;

import static dev.ductor.orchestrator.TestMessages.chat;
import static dev.ductor.orchestrator.TestMessages.construct;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ContractFixtures;
import dev.ductor.model.RunFinished;
import dev.ductor.orchestrator.OrchestratorMetrics;
import dev.ductor.orchestrator.OrchestratorProperties;
import dev.ductor.orchestrator.TestMessages.RecordingAcker;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.conversation.Conversations;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.journal.InflightTurn;
import dev.ductor.orchestrator.journal.RunRequests;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.turn.StartingTurn;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

class FinishingTurnTest {

    @TempDir
    Path root;

    private TurnJournal journal;
    private SessionStore sessions;
    private final Conversations conversations = new Conversations();
    private final StartingTurn startingTurn = startingTurn();
    private final RunRequests requests = new RunRequests();

    private static StartingTurn startingTurn() {
        StartingTurn mock = mock(StartingTurn.class);
        org.mockito.Mockito.when(
                        mock.start(org.mockito.ArgumentMatchers.any(), org.mockito.ArgumentMatchers.anyString()))
                .thenReturn(true);
        return mock;
    }

    private final Replies replies = mock(Replies.class);
    private FinishingTurn finishing;
    private ConfigStore config;
    private Path configFile;

    @BeforeEach
    void setUp() throws Exception {
        var home = new DuctorHome(root);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[111]}");
        config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        configFile = home.configFile();
        journal = construct(
                TurnJournal.class,
                home,
                new OrchestratorProperties(Duration.ofSeconds(30), Duration.ofSeconds(2), 5000, Duration.ofHours(24)));
        sessions = construct(SessionStore.class, home, config);
        var progress = new RunProgress(journal);
        finishing = new FinishingTurn(
                journal,
                progress,
                sessions,
                conversations,
                startingTurn,
                requests,
                replies,
                mock(dev.ductor.orchestrator.conversation.QueueIndicators.class),
                new RetryingFreshSession(
                        sessions, conversations, startingTurn, requests, dev.ductor.orchestrator.reply.Texts.english()),
                mock(OrchestratorMetrics.class),
                config,
                new RecentErrors(),
                dev.ductor.orchestrator.reply.Texts.english());
    }

    private PendingMessage pending(String id, Acker acker) {
        return new PendingMessage(privateMessage(1, id, "text " + id), "tg:1:" + id, acker);
    }

    /** Admits the message as the chat's running turn and journals it, as StartingTurn would. */
    private String running(String id) {
        return runningSince(id, Instant.now());
    }

    private String runningSince(String id, Instant acceptedAt) {
        String runId = conversations.admit(pending(id, Acker.NONE)).runId();
        journal.accept(
                "tg:1:" + id,
                new InflightTurn(
                        runId,
                        chat(1),
                        id,
                        "claude",
                        "opus",
                        "text " + id,
                        acceptedAt,
                        InflightTurn.Phase.RUNNING,
                        true));
        return runId;
    }

    private static RunFinished finished(
            String runId, RunFinished.Outcome outcome, String text, @Nullable String error) {
        return new RunFinished(runId, outcome, text, "sess-1", 0.5, 10, 1000, 0, error);
    }

    @Test
    void successClosesTheStreamWithTheResultAndRecordsTheSession() {
        String runId = running("1");

        finishing.finished(finished(runId, RunFinished.Outcome.SUCCESS, "the answer", null));

        verify(replies).streamAnswer(runId, chat(1), "the answer");
        assertThat(sessions.get(chat(1)).orElseThrow().bucket("claude").sessionId())
                .isEqualTo("sess-1");
        assertThat(sessions.get(chat(1)).orElseThrow().bucket("claude").messageCount())
                .isEqualTo(1);
        assertThat(journal.get(runId)).isEmpty();
        assertThat(conversations.activeRun(chat(1))).isEmpty();
    }

    @Test
    void theTechnicalFooterFollowsTheAnswerWhenSwitchedOn() throws Exception {
        Files.writeString(configFile, "{\"allowed_user_ids\":[111],\"scene\":{\"technical_footer\":true}}");
        Files.setLastModifiedTime(
                configFile, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertThat(config.reloadIfChanged()).isTrue();
        String runId = running("1");

        finishing.finished(finished(runId, RunFinished.Outcome.SUCCESS, "the answer", null));

        verify(replies)
                .streamAnswer(runId, chat(1), "the answer\n---\nModel: opus | Tokens: 10 | Cost: $0.5000 | Time: 1.0s");
    }

    @Test
    void aTurnStoppedByNewDoesNotRefillTheBucketNewEmptied() {
        String runId = runningSince("1", Instant.now().minusSeconds(1));
        sessions.recordTurn(
                chat(1), "claude", "old-session", 0, 0, Instant.now().minusSeconds(60));

        sessions.resetToDefault(chat(1)); // what /new does while the turn runs, before the STOPPED arrives
        finishing.finished(finished(runId, RunFinished.Outcome.STOPPED, "", null));

        assertThat(sessions.resolve(chat(1)).bucket("claude").sessionId()).isNull();
    }

    @Test
    void aTurnThatSucceedsAfterResetLeavesTheNewBucketEmptyButStillAnswers() {
        String runId = runningSince("1", Instant.now().minusSeconds(1));
        sessions.recordTurn(
                chat(1), "claude", "old-session", 0, 0, Instant.now().minusSeconds(60));

        sessions.resetProvider(chat(1), "claude"); // /reset while the turn runs
        finishing.finished(finished(runId, RunFinished.Outcome.SUCCESS, "late answer", null));

        verify(replies).streamAnswer(runId, chat(1), "late answer");
        var bucket = sessions.resolve(chat(1)).bucket("claude");
        assertThat(bucket.sessionId()).isNull();
        assertThat(bucket.messageCount()).isZero();
    }

    @Test
    void aFailedTurnAfterResetKeepsNoSessionIdEither() {
        String runId = runningSince("1", Instant.now().minusSeconds(1));
        sessions.resolve(chat(1));

        sessions.resetToDefault(chat(1));
        finishing.finished(finished(runId, RunFinished.Outcome.TIMEOUT, "", null));

        assertThat(sessions.resolve(chat(1)).bucket("claude").sessionId()).isNull();
    }

    @Test
    void aTurnThatBeganAfterTheResetKeepsItsSession() {
        sessions.resetToDefault(chat(1));
        String runId = runningSince("1", Instant.now().plusMillis(1));

        finishing.finished(finished(runId, RunFinished.Outcome.SUCCESS, "ok", null));

        assertThat(sessions.resolve(chat(1)).bucket("claude").sessionId()).isEqualTo("sess-1");
    }

    @Test
    void whenSessionsJsonCannotBeWrittenTheAnswerStillArrivesAndTheChatMovesOn() throws Exception {
        String runId = running("1");
        sessions.resolve(chat(1));
        Path file = root.resolve("sessions.json");
        Files.delete(file);
        Files.createDirectories(file.resolve("in-the-way")); // every write of sessions.json now fails

        finishing.finished(finished(runId, RunFinished.Outcome.SUCCESS, "the answer", null));

        verify(replies).streamAnswer(runId, chat(1), "the answer");
        assertThat(conversations.activeRun(chat(1))).isEmpty();
        assertThat(sessions.get(chat(1)).orElseThrow().bucket("claude").sessionId())
                .isEqualTo("sess-1");
    }

    @Test
    void emptySuccessShowsTheSilentMemoryText() {
        String runId = running("1");

        finishing.finished(finished(runId, RunFinished.Outcome.SUCCESS, " ", null));

        verify(replies).streamAnswer(runId, chat(1), Texts.english().emptyResult());
    }

    @Test
    void errorShowsTheSessionErrorAndPreservesTheSessionWithoutCounting() {
        String runId = running("1");
        sessions.resolve(chat(1));

        finishing.finished(finished(runId, RunFinished.Outcome.ERROR, "", "HTTP 429 Too Many Requests"));

        verify(replies).streamClose(runId, chat(1), Texts.english().sessionError("opus", "HTTP 429 Too Many Requests"));
        var bucket = sessions.get(chat(1)).orElseThrow().bucket("claude");
        assertThat(bucket.sessionId()).isEqualTo("sess-1");
        assertThat(bucket.messageCount()).isZero();
    }

    @Test
    void anErrorQuotingMarkupClosesAsANoticeNeverAsTheAgentsAnswer() {
        // issue 10 item 3: only the agent's answer is read for <file:…>/[button:…]; an error may quote anything
        String runId = running("1");
        String quoted = "cannot open <file:/home/u/.ductor/config/config.json> [button:Yes]";

        finishing.finished(finished(runId, RunFinished.Outcome.ERROR, "", quoted));

        verify(replies).streamClose(runId, chat(1), Texts.english().sessionError("opus", quoted));
        verify(replies, never()).streamAnswer(anyString(), any(), anyString());
    }

    @Test
    void aRunnersGeminiLoginRefusalShowsDuctorsMissingKeyText() {
        String runId = running("1");

        finishing.finished(finished(
                runId, RunFinished.Outcome.ERROR, "", "gemini_missing_key: Gemini is set to API-key auth mode"));

        verify(replies).streamClose(runId, chat(1), Texts.english().t("gemini.missing_key"));
    }

    @Test
    void aStopTheUserAskedForEndsInSilence() {
        String runId = running("1");

        finishing.finished(finished(runId, RunFinished.Outcome.STOPPED, "", null));

        verify(replies).streamClose(runId, chat(1), "");
        verify(replies, never()).runText(anyString(), anyString(), any(), anyString(), any());
        assertThat(journal.get(runId)).isEmpty();
    }

    @Test
    void aRunnerShutdownMidTurnIsToldOnceAsAnInterruptedTask() {
        String runId = running("1");
        sessions.resolve(chat(1));
        RunFinished shutdown = ContractFixtures.read(RunFinished.class, "shutdown");
        shutdown = new RunFinished(
                runId,
                shutdown.outcome(),
                shutdown.resultText(),
                shutdown.sessionId(),
                shutdown.costUsd(),
                shutdown.totalTokens(),
                shutdown.durationMs(),
                shutdown.exitCode(),
                shutdown.error());

        finishing.finished(shutdown);
        finishing.finished(shutdown);

        verify(replies).streamClose(runId, chat(1), "");
        verify(replies).runText(runId, "lost", chat(1), Texts.english().interrupted("text 1"), "1");
        assertThat(journal.get(runId)).isEmpty();
        assertThat(conversations.activeRun(chat(1))).isEmpty();
        assertThat(sessions.get(chat(1)).orElseThrow().bucket("claude").sessionId())
                .isEqualTo(shutdown.sessionId());
    }

    @Test
    void aFinishForATurnNoLongerInFlightChangesNothing() {
        finishing.finished(finished("run-gone", RunFinished.Outcome.SUCCESS, "late", null));

        verify(replies, never()).streamClose(anyString(), any(), anyString());
        verify(replies, never()).streamAnswer(anyString(), any(), anyString());
        assertThat(sessions.get(chat(1))).isEmpty();
    }

    @Test
    void theNextWaitingMessageStartsWhenTheTurnEnds() {
        String runId = running("1");
        PendingMessage second = pending("2", new RecordingAcker());
        conversations.admit(second);

        finishing.finished(finished(runId, RunFinished.Outcome.SUCCESS, "ok", null));

        var nextRun = ArgumentCaptor.forClass(String.class);
        verify(startingTurn).start(eq(second), nextRun.capture());
        assertThat(conversations.activeRun(chat(1))).contains(nextRun.getValue());
    }

    @Test
    void whenTheNextTurnCannotStartTheMessagesBehindItAreNotLostAndTheChatIsNotWedged() {
        String runId = running("1");
        var secondAcker = new RecordingAcker();
        PendingMessage second = pending("2", secondAcker);
        PendingMessage third = pending("3", new RecordingAcker());
        conversations.admit(second);
        conversations.admit(third);
        doThrow(new IllegalStateException("broker refused")).when(startingTurn).start(eq(second), anyString());

        finishing.finished(finished(runId, RunFinished.Outcome.SUCCESS, "ok", null));

        assertThat(secondAcker.last()).isEqualTo("requeue");
        var thirdRun = ArgumentCaptor.forClass(String.class);
        verify(startingTurn).start(eq(third), thirdRun.capture());
        assertThat(conversations.activeRun(chat(1))).contains(thirdRun.getValue());
    }
}
