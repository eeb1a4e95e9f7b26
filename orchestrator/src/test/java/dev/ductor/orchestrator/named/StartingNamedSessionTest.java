package dev.ductor.orchestrator.named;

import static dev.ductor.orchestrator.TestMessages.construct;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.runners.Runners;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;

/** {@code /session} and {@code @name} (behaviour §2.13, §5.6): directives, limits, follow-ups, redelivery. */
class StartingNamedSessionTest {

    @TempDir
    Path home;

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Bus bus = mock(Bus.class);
    private final Replies replies = mock(Replies.class);
    private final TurnJournal journal = mock(TurnJournal.class);
    private NamedSessions sessions;
    private NamedRuns runs;
    private StartingNamedSession starting;

    @BeforeEach
    void setUp() throws Exception {
        Path file = Files.createDirectories(home.resolve("config")).resolve("config.json");
        Files.writeString(file, "{\"allowed_user_ids\":[1]}");
        var config = new ConfigStore(new ConfigLoader(Map.of()), file);
        var duct = new DuctorHome(home);
        sessions = new NamedSessions(duct, clock, new SessionNames());
        runs = new NamedRuns(duct, sessions, config, bus, replies, Texts.english(), clock);
        starting = new StartingNamedSession(
                sessions,
                runs,
                config,
                construct(ModelRegistry.class, duct),
                construct(Runners.class),
                journal,
                replies,
                Texts.english());
    }

    private String reply(String messageId) {
        var text = ArgumentCaptor.forClass(String.class);
        verify(replies).text(any(), text.capture(), eq(messageId));
        return text.getValue();
    }

    private RunRequest lastRequest(int count) {
        var request = ArgumentCaptor.forClass(RunRequest.class);
        verify(bus, times(count)).toRunners(request.capture(), anyString());
        return request.getValue();
    }

    private String session(InboundMessage message) {
        String text = message.text().strip();
        starting.session(message, text.substring("/session".length()));
        return sessions.active(1).getLast().name();
    }

    @Test
    void aPromptStartsASessionOnTheConfiguredModelAndIsAnsweredAtOnce() {
        String name = session(privateMessage(1, "10", "/session fix the CSV export"));

        assertThat(reply("10"))
                .isEqualTo("**Session `" + name + "` started**\n\n───\n\nRunning on Claude (opus).\n" + "Follow up: `@"
                        + name + " <message>`");
        RunRequest request = lastRequest(1);
        assertThat(request.provider()).isEqualTo("claude");
        assertThat(request.model()).isEqualTo("opus");
        assertThat(request.prompt()).isEqualTo("fix the CSV export");
        verify(journal).markSeen("tg:1:10");
    }

    @Test
    void providerAndModelDirectivesChooseWhereItRuns() {
        session(privateMessage(1, "10", "/session @codex refactor it"));
        assertThat(lastRequest(1)).satisfies(r -> {
            assertThat(r.provider()).isEqualTo("codex");
            assertThat(r.model()).isEqualTo("gpt-5-codex");
            assertThat(r.prompt()).isEqualTo("refactor it");
        });
        session(privateMessage(1, "11", "/session @flash summarise"));
        assertThat(lastRequest(2)).satisfies(r -> {
            assertThat(r.provider()).isEqualTo("gemini");
            assertThat(r.model()).isEqualTo("flash");
        });
        session(privateMessage(1, "12", "/session @claude sonnet write docs"));
        assertThat(lastRequest(3)).satisfies(r -> {
            assertThat(r.model()).isEqualTo("sonnet");
            assertThat(r.prompt()).isEqualTo("write docs");
        });
        session(privateMessage(1, "13", "/session @someone please help"));
        assertThat(lastRequest(4).prompt()).isEqualTo("@someone please help");
    }

    @Test
    void scenario53_anEleventhSessionIsRefused() {
        for (int i = 0; i < NamedSessions.MAX_PER_CHAT; i++) {
            sessions.create(privateMessage(1, "x", "").chat(), "claude", "opus", "", "job " + i);
        }
        starting.session(privateMessage(1, "20", "/session x"), "x");

        assertThat(reply("20")).isEqualTo("Too many sessions (10 max)");
        verify(bus, times(0)).toRunners(any(), anyString());
    }

    @Test
    void aSixthRunningJobIsRefused() {
        for (int i = 0; i < NamedRuns.MAX_JOBS_PER_CHAT; i++) {
            starting.session(privateMessage(1, "m" + i, "/session job"), "job " + i);
        }
        starting.session(privateMessage(1, "30", "/session one more"), "one more");

        assertThat(reply("30")).isEqualTo("Too many background tasks (5 max)");
        assertThat(sessions.active(1)).hasSize(NamedRuns.MAX_JOBS_PER_CHAT);
    }

    @Test
    void theSameMessageDeliveredAgainStartsNothing() {
        var message = privateMessage(1, "10", "/session fix it");
        starting.session(message, "fix it");
        starting.session(message, "fix it");

        verify(bus, times(1)).toRunners(any(), anyString());
        assertThat(sessions.active(1)).hasSize(1);
    }

    @Test
    void followUpsAreToldWhenTheSessionIsMissingRunningOrEndedAndResumeItWhenIdle() {
        String name = session(privateMessage(1, "10", "/session start"));
        String runId = NamedRuns.runId(name, StartingNamedSession.jobId(privateMessage(1, "10", "")));

        var busy = privateMessage(1, "11", "@" + name + " more");
        assertThat(starting.addressed(busy)).contains(name);
        starting.followUp(busy);
        assertThat(reply("11")).isEqualTo("Session '" + name + "' is still processing. Wait or use /stop to cancel.");

        runs.finished(new RunFinished(runId, RunFinished.Outcome.SUCCESS, "ok", "sess-9", 0, 0, 0, 0, null));
        starting.session(privateMessage(1, "12", "/session @" + name + " add tests"), "@" + name + " add tests");
        String jobId = StartingNamedSession.jobId(privateMessage(1, "12", ""));
        assertThat(reply("12")).isEqualTo("**[" + name + "] Follow-up sent**\n\n───\n\nTask `" + jobId + "` queued.");
        assertThat(lastRequest(2).resumeSessionId()).isEqualTo("sess-9");

        assertThat(starting.addressed(privateMessage(1, "13", "@nosuchname hi")))
                .isEmpty();
        starting.session(privateMessage(1, "14", "/session"), "");
        assertThat(reply("14")).startsWith("**Background Sessions**\n\n───\n\n").contains("`/sessions`");
        sessions.end(1, name);
        starting.followUp(privateMessage(1, "15", "@" + name + " again"));
        assertThat(reply("15")).isEqualTo("Session '" + name + "' has ended. Start a new one with /session.");
    }
}
