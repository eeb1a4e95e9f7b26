package dev.ductor.orchestrator.interagent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InterAgentAnswer;
import dev.ductor.model.InterAgentAsk;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.chats.AgentChats;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.ModelCaches;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.named.NamedSessions;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.session.SessionStore;
import dev.ductor.orchestrator.task.Injection;
import dev.ductor.orchestrator.task.TaskInjections;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/**
 * Both sides of a message between agents (behaviour §5.8): the recipient (research) runs an ask in its
 * {@code ia.…} session and answers it, the asker (main) injects or reports the answer; each once per id;
 * {@code /stop} in the recipient's chat (§2.7) cancels its asks.
 */
class InterAgentTest {

    static final ChatRef MAIN_CHAT = new ChatRef("tg", "main", 123456789, null);
    static final ChatRef RESEARCH_CHAT = new ChatRef("tg", "research", 555, null);

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-24T10:00:00Z"));
    private final Bus bus = mock(Bus.class);
    private final Replies replies = mock(Replies.class);
    private final TurnJournal journal = mock(TurnJournal.class);
    private final Set<String> seen = new HashSet<>();
    private final SessionStore chatSessions = mock(SessionStore.class);
    private ConfigStore config;
    private NamedSessions sessions;
    private InterAgentRuns runs;

    @BeforeEach
    void setUp() throws Exception {
        Path file = Files.createDirectories(home.resolve("config")).resolve("config.json");
        Files.writeString(
                file, "{\"allowed_user_ids\":[555, 777, 123456789], \"model\": \"opus\", \"cli_timeout\": 900}");
        config = new ConfigStore(new ConfigLoader(Map.of()), file);
        sessions = new NamedSessions(new DuctorHome(home), clock);
        runs = new InterAgentRuns(new DuctorHome(home), sessions, bus, clock);
        when(bus.topology()).thenReturn(new Topology("", "research"));
        when(journal.seen(anyString())).thenAnswer(call -> seen.contains(call.<String>getArgument(0)));
        doAnswer(call -> seen.add(call.getArgument(0))).when(journal).markSeen(anyString());
    }

    private HandlingInterAgentAsks handling() {
        return new HandlingInterAgentAsks(
                sessions,
                runs,
                replies,
                config,
                chats(),
                new ModelRegistry(new ModelCaches(new DuctorHome(home))),
                journal,
                clock);
    }

    private AgentChats chats() {
        return new AgentChats(config, chatSessions, bus);
    }

    private ReceivingInterAgentAnswers receiving(TaskInjections injections) {
        return new ReceivingInterAgentAnswers(injections, replies, chats(), journal, bus, clock);
    }

    /** This agent is a Matrix sub-agent (behaviour §5.8): its own Matrix account, no Telegram (a user id listed is moot). */
    private void onMatrix() throws Exception {
        Path file = home.resolve("config/config.json");
        Files.writeString(file, """
                {"transport": "matrix", "transports": ["matrix"], "allowed_user_ids": [555], "model": "opus",
                 "matrix": {"homeserver": "http://hs", "user_id": "@research:hs", "allowed_rooms": ["!r:hs"]}}""");
        config = new ConfigStore(new ConfigLoader(Map.of()), file);
    }

    private InterAgentAsk ask(boolean async, boolean silent, String replyTo) {
        return new InterAgentAsk(
                "9f3c2a1b",
                "main",
                "research",
                "Find the three most cited RAG papers",
                false,
                MAIN_CHAT,
                null,
                replyTo,
                silent,
                async,
                async ? null : "scheduler.replies.x",
                clock.instant().plus(Duration.ofSeconds(300)),
                clock.instant());
    }

    private RunRequest handedOver() {
        var request = ArgumentCaptor.forClass(RunRequest.class);
        verify(bus).toRunners(request.capture(), eq("ia-9f3c2a1b"));
        return request.getValue();
    }

    @Test
    void anAsyncAskIsAnnouncedAndRunsInTheSendersSessionOfTheFirstAllowedUsersChatOnce() {
        Acker acker = mock(Acker.class);
        handling().receive(ask(true, false, null), acker);

        verify(replies)
                .runText(
                        "ia-9f3c2a1b",
                        "received",
                        RESEARCH_CHAT,
                        "📥 **Async task received** from `main`\nSession: `ia.main.t0.x12f25537` · Task ID:"
                                + " `9f3c2a1b`\n\n_Find the three most cited RAG papers_",
                        null);
        RunRequest request = handedOver();
        assertThat(request.chat()).isEqualTo(RESEARCH_CHAT);
        assertThat(request.prompt())
                .startsWith("[INTER-AGENT MESSAGE from 'main']\nFind the three most cited RAG papers\n");
        assertThat(request.timeoutSeconds()).isEqualTo(900);
        assertThat(request.resumeSessionId()).isNull();
        assertThat(sessions.get(555, "ia.main.t0.x12f25537")).isPresent();
        assertThat(seen).contains("ia:9f3c2a1b");
        verify(acker).ack();

        // delivered again (a crash before the ack): nothing runs, nothing is announced twice
        handling().receive(ask(true, false, null), mock(Acker.class));
        verify(bus, times(1)).toRunners(any(), anyString());
        verify(replies, times(1)).runText(anyString(), anyString(), any(), anyString(), any());
    }

    @Test
    void aSilentAskOrOneAnsweredToAThirdAgentIsNotAnnounced() {
        handling().receive(ask(true, true, null), mock(Acker.class));
        handling()
                .receive(
                        new InterAgentAsk(
                                "0000beef",
                                "main",
                                "research",
                                "m",
                                false,
                                null,
                                null,
                                "ops",
                                false,
                                true,
                                null,
                                clock.instant().plusSeconds(3600),
                                clock.instant()),
                        mock(Acker.class));

        verify(replies, never()).runText(anyString(), anyString(), any(), anyString(), any());
        verify(bus, times(2)).toRunners(any(), anyString());
    }

    @Test
    void theAnswerGoesToTheSenderAndTheSessionIsResumedNextTime() {
        handling().receive(ask(true, false, null), mock(Acker.class));
        runs.finished(
                new RunFinished("ia-9f3c2a1b", RunFinished.Outcome.SUCCESS, " Lewis 2020 ", "cli-1", 0, 0, 0, 0, null));

        var answer = ArgumentCaptor.forClass(InterAgentAnswer.class);
        verify(bus)
                .toOrchestrator(
                        eq("tg"), eq("main"), answer.capture(), eq("ia:9f3c2a1b:answer"), eq("ia:9f3c2a1b:answer"));
        assertThat(answer.getValue().success()).isTrue();
        assertThat(answer.getValue().text()).isEqualTo("Lewis 2020");
        assertThat(answer.getValue().session()).isEqualTo("ia.main.t0.x12f25537");
        assertThat(answer.getValue().source()).isEqualTo(MAIN_CHAT);
        assertThat(runs.owns("ia-9f3c2a1b")).isFalse();
        assertThat(sessions.get(555, "ia.main.t0.x12f25537").orElseThrow().sessionId())
                .isEqualTo("cli-1");

        // a second ask of the same sender and chat resumes the session; with --new-session it starts anew
        InterAgentAsk next = followUp("aaaa0001", false);
        handling().receive(next, mock(Acker.class));
        var request = ArgumentCaptor.forClass(RunRequest.class);
        verify(bus).toRunners(request.capture(), eq("ia-aaaa0001"));
        assertThat(request.getValue().resumeSessionId()).isEqualTo("cli-1");
        runs.finished(new RunFinished("ia-aaaa0001", RunFinished.Outcome.SUCCESS, "4", "cli-1", 0, 0, 0, 0, null));

        handling().receive(followUp("aaaa0003", true), mock(Acker.class));
        verify(bus).toRunners(request.capture(), eq("ia-aaaa0003"));
        assertThat(request.getValue().resumeSessionId()).isNull();
    }

    /** Another asynchronous message of main's from the same chat. */
    private InterAgentAsk followUp(String taskId, boolean newSession) {
        return asyncFrom(MAIN_CHAT, taskId, newSession);
    }

    /** An asynchronous, silent message of main's from {@code source}. */
    private InterAgentAsk asyncFrom(ChatRef source, String taskId, boolean newSession) {
        return new InterAgentAsk(
                taskId,
                "main",
                "research",
                "and the fourth?",
                newSession,
                source,
                null,
                null,
                true,
                true,
                null,
                clock.instant().plusSeconds(3600),
                clock.instant());
    }

    @Test
    void aRunWhoseSessionIsGoneRunsOnceMoreFreshAndTheAnswerSaysSo() {
        handling().receive(ask(true, true, null), mock(Acker.class));
        runs.finished(new RunFinished("ia-9f3c2a1b", RunFinished.Outcome.SUCCESS, "one", "cli-1", 0, 0, 0, 0, null));
        InterAgentAsk next = followUp("aaaa0002", false);
        handling().receive(next, mock(Acker.class));
        var stale = new RunFinished(
                "ia-aaaa0002",
                RunFinished.Outcome.ERROR,
                "",
                null,
                0,
                0,
                0,
                1,
                "No conversation found with session ID: cli-1");

        runs.finished(stale);
        runs.finished(stale); // delivered again: the retry is not handed over twice

        var retry = ArgumentCaptor.forClass(RunRequest.class);
        verify(bus, times(1)).toRunners(retry.capture(), eq("ia-aaaa0002-fresh"));
        assertThat(retry.getValue().resumeSessionId()).isNull();
        assertThat(retry.getValue().prompt()).contains("and the fourth?");
        verify(bus, never()).toOrchestrator(anyString(), anyString(), any(), eq("ia:aaaa0002:answer"), anyString());

        runs.finished(
                new RunFinished("ia-aaaa0002-fresh", RunFinished.Outcome.SUCCESS, "four", "cli-2", 0, 0, 0, 0, null));

        var answer = ArgumentCaptor.forClass(InterAgentAnswer.class);
        verify(bus).toOrchestrator(eq("tg"), eq("main"), answer.capture(), eq("ia:aaaa0002:answer"), anyString());
        assertThat(answer.getValue().text()).isEqualTo("four");
        assertThat(answer.getValue().recoveryNotice())
                .isEqualTo("Agent 'research' could not restore session `ia.main.t0.x12f25537`: a new session was"
                        + " started automatically, without its earlier messages.");
        assertThat(sessions.get(555, "ia.main.t0.x12f25537").orElseThrow().sessionId())
                .isEqualTo("cli-2");
    }

    @Test
    void aTimeoutIsAnsweredAsDuctorsErrorAndASyncAnswerGoesToTheReplyQueue() {
        handling().receive(ask(false, false, null), mock(Acker.class));
        assertThat(handedOver().timeoutSeconds()).isEqualTo(300); // a synchronous ask is capped at 300 s
        runs.finished(new RunFinished("ia-9f3c2a1b", RunFinished.Outcome.TIMEOUT, "", null, 0, 0, 0, 0, null));

        var answer = ArgumentCaptor.forClass(InterAgentAnswer.class);
        verify(bus)
                .publish(
                        eq("ductor.replies"),
                        eq("scheduler.replies.x"),
                        answer.capture(),
                        anyString(),
                        eq("ia:9f3c2a1b:answer"));
        assertThat(answer.getValue().success()).isFalse();
        assertThat(answer.getValue().error()).isEqualTo("Timeout after 300s");
    }

    @Test
    void aSyncAskNobodyWaitsForAnyMoreIsSkipped() {
        InterAgentAsk late = ask(false, false, null);
        clock.advance(Duration.ofSeconds(301));
        Acker acker = mock(Acker.class);
        handling().receive(late, acker);

        verify(bus, never()).toRunners(any(), anyString());
        verify(acker).ack();
    }

    @Test
    void anAnswerIsInjectedIntoTheAskingChatOnceAndAFailureIsToldWithoutInjection() {
        when(bus.topology()).thenReturn(new Topology("", "main"));
        TaskInjections injections = mock(TaskInjections.class);
        var receiving = receiving(injections);
        var answer = new InterAgentAnswer(
                "9f3c2a1b",
                "research",
                "main",
                "main",
                "Find papers",
                MAIN_CHAT,
                true,
                true,
                "Lewis 2020",
                null,
                "ia.main.t0.x12f25537",
                "claude → codex",
                null,
                clock.instant());

        receiving.receive(answer, mock(Acker.class));

        verify(replies)
                .runText("ia-9f3c2a1b", "switch", MAIN_CHAT, "**Provider Switch Detected**\n\nclaude → codex", null);
        var injection = ArgumentCaptor.forClass(Injection.class);
        verify(injections).inject(injection.capture());
        assertThat(injection.getValue().key()).isEqualTo("ia:9f3c2a1b:answer");
        assertThat(injection.getValue().chat()).isEqualTo(MAIN_CHAT);
        assertThat(injection.getValue().text())
                .startsWith("[ASYNC INTER-AGENT RESPONSE from 'research' (task 9f3c2a1b)]\nLewis 2020\n"
                        + "[END ASYNC INTER-AGENT RESPONSE]")
                .contains("`@ia.main.t0.x12f25537 <message>`")
                .contains("Original task you sent to 'research':\nFind papers")
                .endsWith("You are agent 'main'. Process this response from agent 'research' and communicate the"
                        + " relevant results to the user in your Telegram chat.");

        var failed = new InterAgentAnswer(
                "0000beef",
                "research",
                "main",
                "ops",
                "Count issues",
                null,
                true,
                false,
                "",
                "Timeout after 600s",
                "ia-ops",
                null,
                null,
                clock.instant());
        receiving.receive(failed, mock(Acker.class));
        receiving.receive(failed, mock(Acker.class));
        // answered to main as reply_to of ops: told in main's first allowed user's chat, once
        verify(replies, times(1))
                .runText(
                        "ia-0000beef",
                        "failed",
                        new ChatRef("tg", "main", 555, null),
                        "**Inter-Agent Request Failed**\n\nAgent: `research`\nSession: `ia-ops`\nError: Timeout after"
                                + " 600s\nRequest: _Count issues_",
                        null);
        verify(injections, times(1)).inject(any());
    }

    @Test
    void aSourceChatTheBotMayNotTalkInIsReplacedByTheFirstAllowedUsersChat() {
        when(bus.topology()).thenReturn(new Topology("", "main"));
        TaskInjections injections = mock(TaskInjections.class);
        var receiving = receiving(injections);

        receiving.receive(
                new InterAgentAnswer(
                        "0000cafe",
                        "research",
                        "main",
                        "main",
                        "m",
                        new ChatRef("tg", "main", 999, null),
                        true,
                        true,
                        "ok",
                        null,
                        "ia-main",
                        null,
                        null,
                        clock.instant()),
                mock(Acker.class));

        var injection = ArgumentCaptor.forClass(Injection.class);
        verify(injections).inject(injection.capture());
        assertThat(injection.getValue().chat()).isEqualTo(new ChatRef("tg", "main", 555, null));
    }

    @Test
    void aMatrixRecipientRunsTheAskInTheRoomItTalkedInLastAndRefusesItBeforeThereIsOne() throws Exception {
        onMatrix();
        var room = new ChatRef("mx", "research", 4242, null);
        when(chatSessions.lastActiveChat("mx", "research")).thenReturn(Optional.of(room));

        handling().receive(ask(true, false, null), mock(Acker.class));

        verify(replies).runText(eq("ia-9f3c2a1b"), eq("received"), eq(room), anyString(), eq(null));
        assertThat(handedOver().chat()).isEqualTo(room);
        assertThat(sessions.get(4242, "ia.main.t0.x12f25537")).isPresent();

        // no room yet: the broadcast rooms are no conversation (no session, no run there): the asker is told
        when(chatSessions.lastActiveChat("mx", "research")).thenReturn(Optional.empty());
        Acker acker = mock(Acker.class);
        handling().receive(followUp("aaaa0009", false), acker);

        verify(bus, never()).toRunners(any(), eq("ia-aaaa0009"));
        var answer = ArgumentCaptor.forClass(InterAgentAnswer.class);
        verify(bus).toOrchestrator(eq("tg"), eq("main"), answer.capture(), eq("ia:aaaa0009:answer"), anyString());
        assertThat(answer.getValue().success()).isFalse();
        assertThat(answer.getValue().error())
                .isEqualTo("Agent 'research' has no Matrix room yet: someone allowed must write to it there first");
        assertThat(sessions.active(ChatRef.BROADCAST)).isEmpty();
        assertThat(seen).contains("ia:aaaa0009");
        verify(acker).ack();
    }

    @Test
    void aMatrixRecipientKeepsTheSendersConversationInItsRoomWhenUsersTalkInAnotherLater() throws Exception {
        onMatrix();
        var first = new ChatRef("mx", "research", 4242, null);
        var later = new ChatRef("mx", "research", 5353, null);
        when(chatSessions.lastActiveChat("mx", "research")).thenReturn(Optional.of(first));
        when(chatSessions.knows("mx", 4242)).thenReturn(true);
        handling().receive(ask(true, true, null), mock(Acker.class));
        runs.finished(new RunFinished("ia-9f3c2a1b", RunFinished.Outcome.SUCCESS, "one", "cli-1", 0, 0, 0, 0, null));

        // a user talks in another room: the same sender's next message still resumes its session in the first
        when(chatSessions.lastActiveChat("mx", "research")).thenReturn(Optional.of(later));
        handling().receive(followUp("aaaa0004", false), mock(Acker.class));
        var request = ArgumentCaptor.forClass(RunRequest.class);
        verify(bus).toRunners(request.capture(), eq("ia-aaaa0004"));
        assertThat(request.getValue().chat()).isEqualTo(first);
        assertThat(request.getValue().resumeSessionId()).isEqualTo("cli-1");
        assertThat(sessions.get(5353, "ia.main.t0.x12f25537")).isEmpty();
        runs.finished(new RunFinished("ia-aaaa0004", RunFinished.Outcome.SUCCESS, "two", "cli-1", 0, 0, 0, 0, null));

        // a room this agent no longer talks in keeps nobody's conversation: the room talked in last instead
        when(chatSessions.knows("mx", 4242)).thenReturn(false);
        handling().receive(followUp("aaaa0005", false), mock(Acker.class));
        verify(bus).toRunners(request.capture(), eq("ia-aaaa0005"));
        assertThat(request.getValue().chat()).isEqualTo(later);
    }

    @Test
    void aMatrixAskerNoAllowedSenderTalkedToYetHasTheResultBroadcastAndNoTurnRuns() throws Exception {
        onMatrix();
        TaskInjections injections = mock(TaskInjections.class);
        when(chatSessions.lastActiveChat("mx", "research")).thenReturn(Optional.empty());
        var answer = new InterAgentAnswer(
                "0000b0a7",
                "main",
                "research",
                "research",
                "what is new?",
                null,
                true,
                true,
                "all quiet",
                null,
                "ia-research",
                null,
                null,
                clock.instant());
        Acker acker = mock(Acker.class);

        receiving(injections).receive(answer, acker);
        receiving(injections).receive(answer, mock(Acker.class));

        verify(replies, times(1))
                .runText("ia-0000b0a7", "result", ChatRef.broadcast("mx", "research"), "all quiet", null);
        verify(injections, never()).inject(any());
        assertThat(seen).contains("ia:0000b0a7:answer");
        verify(acker).ack();
    }

    @Test
    void aMatrixAskersAnswerGoesBackUnderItsTransportIntoTheRoomThatAskedWhenItTalksThere() throws Exception {
        var room = new ChatRef("mx", "research", 8812, null);
        InterAgentAsk fromRoom = new InterAgentAsk(
                "0000f00d",
                "research",
                "main",
                "what is new?",
                false,
                room,
                null,
                null,
                false,
                true,
                null,
                clock.instant().plusSeconds(3600),
                clock.instant());
        runs.answer(fromRoom, runs.answerOf(fromRoom, "ia.research.t0.x1", "all quiet", null, null, null));
        var published = ArgumentCaptor.forClass(InterAgentAnswer.class);
        verify(bus).toOrchestrator(eq("mx"), eq("research"), published.capture(), anyString(), anyString());

        // on the asking side, research, a Matrix agent: the room it asked from, once it is known to talk there
        onMatrix();
        TaskInjections injections = mock(TaskInjections.class);
        when(chatSessions.knows("mx", 8812)).thenReturn(true);
        when(chatSessions.lastActiveChat("mx", "research"))
                .thenReturn(Optional.of(new ChatRef("mx", "research", 4242, null)));
        receiving(injections).receive(published.getValue(), mock(Acker.class));
        var injection = ArgumentCaptor.forClass(Injection.class);
        verify(injections).inject(injection.capture());
        assertThat(injection.getValue().chat()).isEqualTo(room);

        // a room number the CLI's environment claims but nobody allowed talked in: its default room instead
        var claimed = new InterAgentAnswer(
                "0000dead",
                "main",
                "research",
                "research",
                "m",
                new ChatRef("mx", "research", 31337, null),
                true,
                false,
                "",
                "Cancelled",
                "ia.research.t0.x2",
                null,
                null,
                clock.instant());
        receiving(injections).receive(claimed, mock(Acker.class));
        verify(replies)
                .runText(
                        eq("ia-0000dead"),
                        eq("failed"),
                        eq(new ChatRef("mx", "research", 4242, null)),
                        anyString(),
                        eq(null));
    }

    @Test
    void anAsyncAnswerGoesBackUnderTheAskingChatsTransportOnlyWhenThatIsACodeOfOurs() {
        InterAgentAsk odd = asyncFrom(new ChatRef("mx.x", "main", 8812, null), "0000c0de", false);

        runs.answer(odd, runs.answerOf(odd, "ia.main.t0.x1", "ok", null, null, null));

        // "mx.x.main" is bound to no queue: the broker would confirm it and drop it
        verify(bus).toOrchestrator(eq("tg"), eq("main"), any(), eq("ia:0000c0de:answer"), anyString());
    }

    @Test
    void stopInTheRecipientsChatCancelsTheAskAndTheAskerIsToldCancelled() {
        handling().receive(ask(true, true, null), mock(Acker.class));

        assertThat(runs.stopAll(new ChatRef("tg", "research", 777, null))).isFalse();
        assertThat(runs.stopAll(new ChatRef("mx", "research", 555, null))).isFalse();
        verify(bus, never()).control(new CancelRun("ia-9f3c2a1b", CancelRun.Mode.STOP), "ia-9f3c2a1b");

        assertThat(runs.stopAll(RESEARCH_CHAT)).isTrue();
        verify(bus).control(new CancelRun("ia-9f3c2a1b", CancelRun.Mode.STOP), "ia-9f3c2a1b");

        runs.finished(new RunFinished("ia-9f3c2a1b", RunFinished.Outcome.STOPPED, "", null, 0, 0, 0, 0, null));
        var answer = ArgumentCaptor.forClass(InterAgentAnswer.class);
        verify(bus).toOrchestrator(eq("tg"), eq("main"), answer.capture(), anyString(), anyString());
        assertThat(answer.getValue().success()).isFalse();
        assertThat(answer.getValue().error()).isEqualTo("Cancelled");
        assertThat(runs.stopAll(RESEARCH_CHAT)).isFalse();
    }

    @Test
    void anAgentWithNeitherAnAllowedUserNorMatrixAnswersItsErrorAndRunsNothing() throws Exception {
        Path file = home.resolve("config/config.json");
        Files.writeString(file, "{\"allowed_user_ids\": []}");
        config = new ConfigStore(new ConfigLoader(Map.of()), file);

        handling().receive(ask(true, false, null), mock(Acker.class));

        var answer = ArgumentCaptor.forClass(InterAgentAnswer.class);
        verify(bus).toOrchestrator(eq("tg"), eq("main"), answer.capture(), anyString(), anyString());
        assertThat(answer.getValue().error()).isEqualTo("Agent 'research' has no allowed user to run it for");
        verify(bus, never()).toRunners(any(), anyString());
        assertThat(seen).contains("ia:9f3c2a1b");
    }

    @Test
    void aMatrixAgentsTelegramChatIsNoneItTalksIn() throws Exception {
        onMatrix();
        assertThat(chats().mayTalkIn(new ChatRef("tg", "research", 555, null))).isFalse();
        assertThat(chats().mayTalkIn(new ChatRef("api", "research", 555, null))).isFalse();
    }

    @Test
    void interAgentSessionsDoNotCountAgainstTheTenAndAreCappedAt32EvictingTheOldestIdle() {
        for (int i = 0; i < 33; i++) {
            clock.advance(Duration.ofSeconds(1));
            sessions.interAgent(RESEARCH_CHAT, "ia-agent" + i, "claude", "opus", "", "hello", false);
        }
        assertThat(sessions.active(555)).hasSize(32);
        assertThat(sessions.get(555, "ia-agent0").orElseThrow().status()).isEqualTo("ended");
        assertThat(sessions.create(RESEARCH_CHAT, "claude", "opus", "", "mine")).isPresent();

        var switched = sessions.interAgent(RESEARCH_CHAT, "ia-agent5", "codex", "gpt-5-codex", "", "hi", false);
        assertThat(switched.providerSwitched()).isEqualTo("claude → codex");
        assertThat(switched.session().provider()).isEqualTo("codex");
    }
}
