package dev.ductor.orchestrator.conversation;

import static dev.ductor.orchestrator.TestMessages.chat;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.ChatRef;
import org.junit.jupiter.api.Test;

class ConversationsTest {

    private final Conversations conversations = new Conversations();

    private static PendingMessage pending(long chatId, String id) {
        return new PendingMessage(privateMessage(chatId, id, "text " + id), "tg:" + chatId + ":" + id, Acker.NONE);
    }

    @Test
    void idleChatStartsAtOnceBusyChatQueues() {
        var first = conversations.admit(pending(1, "1"));
        var second = conversations.admit(pending(1, "2"));

        assertThat(first.started()).isTrue();
        assertThat(first.runId()).startsWith("run-");
        assertThat(second.started()).isFalse();
        assertThat(conversations.activeRun(chat(1))).contains(first.runId());
        assertThat(conversations.waiting(chat(1))).isEqualTo(1);
    }

    @Test
    void chatsAndTopicsAreIndependent() {
        var topic = new ChatRef("tg", "main", 1, 42L);
        conversations.admit(pending(1, "1"));

        assertThat(conversations.admit(pending(2, "1")).started()).isTrue();
        assertThat(conversations
                        .admit(new PendingMessage(
                                dev.ductor.orchestrator.TestMessages.message(topic, "supergroup", 5, "9", "x", null),
                                "k",
                                Acker.NONE))
                        .started())
                .isTrue();
    }

    @Test
    void completeStartsWaitingMessagesInArrivalOrder() {
        String run1 = conversations.admit(pending(1, "1")).runId();
        PendingMessage m2 = pending(1, "2");
        PendingMessage m3 = pending(1, "3");
        conversations.admit(m2);
        conversations.admit(m3);

        var next = conversations.complete(chat(1), run1).orElseThrow();
        assertThat(next.pending()).isSameAs(m2);
        assertThat(next.runId()).isNotEqualTo(run1);
        assertThat(conversations.activeRun(chat(1))).contains(next.runId());

        var after = conversations.complete(chat(1), next.runId()).orElseThrow();
        assertThat(after.pending()).isSameAs(m3);

        assertThat(conversations.complete(chat(1), after.runId())).isEmpty();
        assertThat(conversations.activeRun(chat(1))).isEmpty();
        assertThat(conversations.admit(pending(1, "4")).started()).isTrue();
    }

    @Test
    void completeOfAnotherRunChangesNothing() {
        String run = conversations.admit(pending(1, "1")).runId();
        conversations.admit(pending(1, "2"));

        assertThat(conversations.complete(chat(1), "run-other")).isEmpty();
        assertThat(conversations.complete(chat(9), run)).isEmpty();
        assertThat(conversations.activeRun(chat(1))).contains(run);
        assertThat(conversations.waiting(chat(1))).isEqualTo(1);
    }

    @Test
    void drainRemovesWaitingMessagesButKeepsTheActiveRun() {
        String run = conversations.admit(pending(1, "1")).runId();
        PendingMessage m2 = pending(1, "2");
        PendingMessage m3 = pending(1, "3");
        conversations.admit(m2);
        conversations.admit(m3);

        assertThat(conversations.drain(chat(1))).containsExactly(m2, m3);
        assertThat(conversations.waiting(chat(1))).isZero();
        assertThat(conversations.activeRun(chat(1))).contains(run);
        assertThat(conversations.complete(chat(1), run)).isEmpty();
        assertThat(conversations.drain(chat(7))).isEmpty();
    }

    @Test
    void resumedRunKeepsTheChatBusyUntilItCompletes() {
        conversations.resume(chat(1), "run-old");

        assertThat(conversations.admit(pending(1, "1")).started()).isFalse();
        var next = conversations.complete(chat(1), "run-old").orElseThrow();
        assertThat(next.pending().message().transportMessageId()).isEqualTo("1");
    }

    @Test
    void cancelTakesOneWaitingMessageOutOfTheQueue() {
        String run = conversations.admit(pending(1, "1")).runId();
        PendingMessage m2 = pending(1, "2");
        PendingMessage m3 = pending(1, "3");
        conversations.admit(m2);
        conversations.admit(m3);

        assertThat(conversations.cancel(chat(1), "2")).contains(m2);
        assertThat(conversations.cancel(chat(1), "2")).isEmpty();
        assertThat(conversations.cancel(chat(1), "1")).isEmpty();
        assertThat(conversations.cancel(chat(9), "3")).isEmpty();
        assertThat(conversations.complete(chat(1), run).orElseThrow().pending()).isSameAs(m3);
    }

    @Test
    void busyWhileRunningOrWaitingAndActiveRunsSpanChats() {
        assertThat(conversations.busy(chat(1))).isFalse();
        String run1 = conversations.admit(pending(1, "1")).runId();
        String run2 = conversations.admit(pending(2, "1")).runId();

        assertThat(conversations.busy(chat(1))).isTrue();
        assertThat(conversations.activeRuns()).containsEntry(chat(1), run1).containsEntry(chat(2), run2);
        conversations.complete(chat(2), run2);
        assertThat(conversations.activeRuns()).containsOnlyKeys(chat(1));
    }

    @Test
    void aSecondDeliveryOfAWaitingMessageTakesItsPlaceAndTheFirstIsSettled() {
        var conversations = new Conversations();
        conversations.admit(pending(1, "1"));
        var settledEarlier = new java.util.concurrent.atomic.AtomicInteger();
        Acker earlier = new Acker() {
            @Override
            public void ack() {
                settledEarlier.incrementAndGet();
            }

            @Override
            public void requeue() {}
        };
        var first = new PendingMessage(privateMessage(1, "2", "again"), "tg:1:2", earlier);
        var copy = new PendingMessage(privateMessage(1, "2", "again"), "tg:1:2", Acker.NONE);

        assertThat(conversations.admit(first).started()).isFalse();
        var admission = conversations.admit(copy);

        assertThat(admission.started()).isFalse();
        assertThat(admission.superseded()).isSameAs(earlier);
        assertThat(conversations.waiting(chat(1))).isEqualTo(1);
        var next =
                conversations.complete(chat(1), conversations.activeRun(chat(1)).orElseThrow());
        assertThat(next).get().extracting(Conversations.Next::pending).isSameAs(copy);
        assertThat(conversations.complete(chat(1), next.get().runId())).isEmpty();
    }
}
