package dev.ductor.orchestrator;

import static dev.ductor.orchestrator.OrchestratorHarness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Topology;
import dev.ductor.model.AcknowledgePress;
import dev.ductor.model.CancelRun;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunRequest;
import dev.ductor.model.RunStarted;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

/**
 * Turns and the chat queue: a turn streams and resumes its session, one turn at a time per chat, a queued message
 * waits with an indicator that cancels it, redelivered and unauthorized messages, a poison message dead-lettered
 * alone, an answer button as the next prompt. See {@link OrchestratorHarness}.
 */
@ExtendWith(StartedOrchestrator.class)
class ConversationIT {

    // (a) + (b)
    @Test
    void firstTurnStreamsItsAnswerAndTheNextTurnResumesItsSession() throws Exception {
        long chat = 111;
        send(chat, USER, "1", "hi");

        RunRequest first = awaitRequests(chat, 1).get(0);
        assertThat(first.provider()).isEqualTo("claude");
        assertThat(first.model()).isEqualTo("opus");
        assertThat(first.prompt()).isEqualTo("hi");
        assertThat(first.resumeSessionId()).isNull();
        assertThat(first.chat()).isEqualTo(chatRef(chat));
        StreamOpen open =
                awaitOutbound(chat, StreamOpen.class, o -> o.streamId().equals(first.runId()));
        assertThat(open.replyTo()).isEqualTo("1");

        runEvent(first.runId(), new RunStarted(first.runId(), "runner-1", 4242));
        runEvent(first.runId(), new RunOutput(first.runId(), 1, RunOutput.Kind.TEXT, 0, "Hello"));
        runEvent(first.runId(), success(first.runId(), "Hello there", "sess-a"));

        awaitOutbound(
                chat,
                StreamAppend.class,
                a -> a.streamId().equals(first.runId()) && a.text().equals("Hello"));
        awaitOutbound(
                chat,
                StreamClose.class,
                c -> c.streamId().equals(first.runId()) && c.finalText().equals("Hello there") && c.answer());
        JsonNode bucket = sessionsJson().get("tg:111").get("provider_sessions").get("claude");
        assertThat(bucket.get("session_id").asString()).isEqualTo("sess-a");
        assertThat(bucket.get("message_count").asInt()).isEqualTo(1);

        send(chat, USER, "2", "and now?");
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.resumeSessionId()).isEqualTo("sess-a");
        assertThat(second.prompt()).isEqualTo("and now?");
        assertThat(second.runId()).isNotEqualTo(first.runId());
        answer(chat, second, "done", "sess-a");
    }

    // (c)
    @Test
    void aRedeliveredMessageRunsOnce() {
        long chat = 1002;
        InboundMessage message = inbound(chat, USER, "7", "do it once");
        bus().toOrchestrator(
                        "tg",
                        "main",
                        message,
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString());
        bus().toOrchestrator(
                        "tg",
                        "main",
                        message,
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString());

        RunRequest request = awaitRequests(chat, 1).get(0);
        await().during(Duration.ofMillis(1500))
                .atMost(WAIT)
                .until(() -> requestsFor(chat).size() == 1);

        answer(chat, request, "ok", "sess-c");
        assertThat(requestsFor(chat)).hasSize(1);
    }

    // (d)
    @Test
    void anUnauthorizedUserGetsNoRunAndNoReply() {
        long stranger = 999;
        send(stranger, stranger, "1", "hi");
        // The inbound queue is consumed in order: once a later message started, the stranger's was handled.
        long witness = 1019; // its own chat: in one another scenario uses, its message "1" is a duplicate
        send(witness, USER, "1", "after the stranger");
        RunRequest witnessRun = awaitRequests(witness, 1).get(0);

        await().during(Duration.ofMillis(1500))
                .atMost(WAIT)
                .until(() ->
                        requestsFor(stranger).isEmpty() && outboundFor(stranger).isEmpty());

        answer(witness, witnessRun, "ok", "sess-d");
        assertThat(requestsFor(stranger)).isEmpty();
        assertThat(outboundFor(stranger)).isEmpty();
    }

    // (e)
    @Test
    void aMessageWhileATurnRunsWaitsForItsEnd() {
        long chat = 1003;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "second");

        await().during(Duration.ofMillis(1500))
                .atMost(WAIT)
                .until(() -> requestsFor(chat).size() == 1);

        runEvent(first.runId(), success(first.runId(), "first done", "sess-e"));
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.prompt()).isEqualTo("second");
        assertThat(second.resumeSessionId()).isEqualTo("sess-e");
        StreamOpen open =
                awaitOutbound(chat, StreamOpen.class, o -> o.streamId().equals(second.runId()));
        assertThat(open.replyTo()).isEqualTo("2");

        answer(chat, second, "second done", "sess-e");
    }

    @Test
    void anUnreadableMessageIsDeadLetteredAloneNotTheMessagesWaitingInChatQueues() {
        long chat = 1007;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "waits behind the first");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("[Message in queue...]"));

        var properties = new org.springframework.amqp.core.MessageProperties();
        properties.setHeader(dev.ductor.bus.BusHeaders.TYPE, "SomethingFromANewerGateway");
        template()
                .send(
                        topology().inboundExchange(),
                        "tg.main",
                        new org.springframework.amqp.core.Message("{}".getBytes(), properties));
        await().atMost(WAIT)
                .until(() ->
                        admin().getQueueInfo(Topology.deadLetterQueue(topology().orchestratorInboundQueue()))
                                        .getMessageCount()
                                == 1);

        runEvent(first.runId(), success(first.runId(), "done", null));
        RunRequest second = awaitRequests(chat, 2).get(1);
        assertThat(second.prompt()).isEqualTo("waits behind the first");
    }

    // scenarios 12 + 13
    @Test
    void aQueuedMessageShowsAnIndicatorThatCancelsItOrGoesAwayWhenItsTurnStarts() {
        long chat = 1010;
        send(chat, USER, "1", "first");
        RunRequest first = awaitRequests(chat, 1).get(0);
        send(chat, USER, "2", "second");
        send(chat, USER, "3", "third");

        SendText indicator = awaitOutbound(
                chat, SendText.class, t -> t.text().contains("[Message in queue...]") && "2".equals(t.replyTo()));
        assertThat(indicator.buttons()).hasSize(1);
        assertThat(indicator.buttons().get(0).get(0).label()).isEqualTo("Cancel message");
        assertThat(indicator.buttons().get(0).get(0).data()).isEqualTo("mq:2");
        awaitOutbound(chat, SendText.class, t -> t.text().contains("[Message in queue...]") && "3".equals(t.replyTo()));

        press(chat, "cb-1010", "mq:2");
        awaitOutbound(
                chat,
                EditText.class,
                e -> e.outboundRef().equals(indicator.outboundRef())
                        && e.text().contains("[Message cancelled.]")
                        && e.buttons().isEmpty());
        awaitOutbound(chat, AcknowledgePress.class, b -> b.callbackId().equals("cb-1010"));

        runEvent(first.runId(), success(first.runId(), "first done", "sess-q"));
        RunRequest next = awaitRequests(chat, 2).get(1);
        assertThat(next.prompt()).isEqualTo("third");
        awaitOutbound(chat, DeleteMessage.class, d -> d.outboundRef().equals("mq-tg:1010:3"));
        answer(chat, next, "third done", "sess-q");
        assertThat(requestsFor(chat)).hasSize(2);
    }

    // behaviour §3.13: a button of the agent's answer is the user's next prompt, queued like a message
    @Test
    void anAnswerButtonsLabelIsTheNextPromptUnderTheChatsLock() {
        long chat = 2050;
        send(chat, USER, "1", "deploy?");
        RunRequest first = awaitRequests(chat, 1).get(0);

        press(chat, "cb-deploy", "stop"); // a label, not a stop word: it waits for the running turn
        awaitOutbound(chat, AcknowledgePress.class, a -> a.callbackId().equals("cb-deploy"));
        awaitOutbound(chat, SendText.class, t -> t.text().contains("[Message in queue...]"));
        assertThat(control())
                .noneMatch(c -> c instanceof CancelRun cancel && cancel.runId().equals(first.runId()));

        runEvent(first.runId(), success(first.runId(), "Deploy now? [button:stop]", "sess-btn"));
        RunRequest answer = awaitRequests(chat, 2).get(1);
        assertThat(answer.prompt()).isEqualTo("stop");
        assertThat(answer.resumeSessionId()).isEqualTo("sess-btn");
        answer(chat, answer, "stopped the deploy", "sess-btn");

        press(chat, "cb-deploy", "stop"); // the same press delivered again
        await().during(Duration.ofMillis(800))
                .atMost(WAIT)
                .until(() -> requestsFor(chat).size() == 2);
    }
}
