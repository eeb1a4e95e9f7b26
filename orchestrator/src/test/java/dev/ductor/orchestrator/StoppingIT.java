package dev.ductor.orchestrator;

import static dev.ductor.orchestrator.OrchestratorHarness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.model.CancelAll;
import dev.ductor.model.CancelRun;
import dev.ductor.model.EditText;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunRequest;
import dev.ductor.model.RunStarted;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamClose;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Ending turns: stop (also of a turn no runner took yet, discarding the queue), interrupt, stop all, and a run
 * whose runner fell silent. See {@link OrchestratorHarness}.
 */
@ExtendWith(StartedOrchestrator.class)
class StoppingIT {

    // (f)
    @Test
    void aRunWhoseRunnerFallsSilentIsReportedInterruptedAndCancelled() {
        long chat = 1004;
        send(chat, USER, "1", "long job");
        RunRequest request = awaitRequests(chat, 1).get(0);
        runEvent(request.runId(), new RunStarted(request.runId(), "runner-1", 4243));

        SendText notice = awaitOutbound(chat, SendText.class, t -> t.text().contains("**Interrupted Task**"));
        assertThat(notice.text()).contains("`long job`");
        assertThat(notice.replyTo()).isEqualTo("1");
        awaitControl(request.runId(), CancelRun.Mode.STOP);

        // The chat is free again: the next message starts a turn.
        send(chat, USER, "2", "again");
        RunRequest next = awaitRequests(chat, 2).get(1);
        answer(chat, next, "ok", null);
    }

    // (g)
    @Test
    void stopWhileRunningCancelsTheRunAndTellsTheChat() {
        long chat = 1005;
        send(chat, USER, "1", "work");
        RunRequest request = awaitRequests(chat, 1).get(0);
        runEvent(request.runId(), new RunStarted(request.runId(), "runner-1", 4244));

        send(chat, USER, "2", "stop");

        awaitControl(request.runId(), CancelRun.Mode.STOP);
        SendText stopped = awaitOutbound(chat, SendText.class, t -> t.text().contains("**Agent Stopped**"));
        assertThat(stopped.text()).contains("Claude terminated.");
        assertThat(stopped.replyTo()).isEqualTo("2");

        runEvent(
                request.runId(),
                new RunFinished(request.runId(), RunFinished.Outcome.STOPPED, "", null, 0, 0, 10, -15, null));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(request.runId()));
        assertThat(requestsFor(chat)).hasSize(1);
    }

    @Test
    void stopOfATurnNoRunnerHasStartedEndsItAndFreesTheChat() {
        long chat = 1006;
        send(chat, USER, "1", "waits for a runner");
        RunRequest queued = awaitRequests(chat, 1).get(0);

        send(chat, USER, "2", "stop");

        awaitControl(queued.runId(), CancelRun.Mode.STOP);
        awaitOutbound(
                chat,
                StreamClose.class,
                c -> c.streamId().equals(queued.runId()) && c.finalText().isEmpty());
        awaitOutbound(chat, SendText.class, t -> t.text().contains("**Agent Stopped**"));

        send(chat, USER, "3", "next one");
        RunRequest next = awaitRequests(chat, 2).get(1);
        assertThat(next.prompt()).isEqualTo("next one");

        // A runner that takes the stopped request after all is told to stop when it reports the start.
        runEvent(queued.runId(), new RunStarted(queued.runId(), "runner-late", 4250));
        await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> control().stream()
                                .filter(c -> c instanceof CancelRun cancel
                                        && cancel.runId().equals(queued.runId()))
                                .count()
                        >= 2);
    }

    // scenario 14
    @Test
    void stopDiscardsEveryQueuedMessage() {
        long chat = 1011;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "second");
        send(chat, USER, "3", "third");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("[Message in queue...]") && "3".equals(t.replyTo()));

        send(chat, USER, "4", "/stop");

        awaitControl(first.runId(), CancelRun.Mode.STOP);
        awaitOutbound(
                chat,
                EditText.class,
                e -> e.outboundRef().equals("mq-tg:1011:2") && e.text().contains("[Message discarded.]"));
        awaitOutbound(
                chat,
                EditText.class,
                e -> e.outboundRef().equals("mq-tg:1011:3") && e.text().contains("[Message discarded.]"));
        awaitOutbound(chat, SendText.class, t -> t.text().contains("All queued messages discarded."));
        runEvent(first.runId(), finished(first.runId(), RunFinished.Outcome.STOPPED));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(first.runId()));
        await().during(Duration.ofMillis(1000))
                .atMost(WAIT)
                .until(() -> requestsFor(chat).size() == 1);
    }

    // scenario 11
    @Test
    void interruptSignalsTheRunAndTheQueueGoesOn() {
        long chat = 1012;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "second");

        send(chat, USER, "3", "/interrupt");

        awaitControl(first.runId(), CancelRun.Mode.INTERRUPT);
        awaitOutbound(chat, SendText.class, t -> t.text().equals("Interrupted 1 process(es)."));
        runEvent(first.runId(), finished(first.runId(), RunFinished.Outcome.INTERRUPTED));
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.prompt()).isEqualTo("second");
        answer(chat, second, "ok", null);
    }

    // scenario 10
    @Test
    void stopAllCancelsEveryRunOnEveryRunner() {
        long chat = 1013;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);

        send(chat, USER, "2", "Stop all");

        await().atMost(WAIT).until(() -> control().stream().anyMatch(CancelAll.class::isInstance));
        SendText reply = awaitOutbound(chat, SendText.class, t -> t.text().contains("across all agents."));
        assertThat(reply.text()).startsWith("Stopped ");
        runEvent(first.runId(), finished(first.runId(), RunFinished.Outcome.STOPPED));
        awaitOutbound(chat, StreamClose.class, c -> c.streamId().equals(first.runId()));
    }
}
