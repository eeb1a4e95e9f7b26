package dev.ductor.orchestrator.conversation;

import static dev.ductor.orchestrator.TestMessages.chat;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class QueueGaugesTest {

    private final Conversations conversations = new Conversations();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    private static PendingMessage pending(long chatId, String id) {
        return new PendingMessage(privateMessage(chatId, id, "text " + id), "tg:" + chatId + ":" + id, Acker.NONE);
    }

    private double gauge(String name) {
        return registry.get(name).gauge().value();
    }

    @Test
    void gaugesFollowTheQueuesOfAllChats() {
        new QueueGauges(conversations, registry);
        assertThat(gauge("ductor_queue_waiting_messages")).isZero();

        String run1 = conversations.admit(pending(1, "1")).runId();
        conversations.admit(pending(1, "2"));
        conversations.admit(pending(1, "3"));
        conversations.admit(pending(2, "1"));
        conversations.admit(pending(2, "2"));
        assertThat(gauge("ductor_turns_running")).isEqualTo(2);
        assertThat(gauge("ductor_queue_waiting_messages")).isEqualTo(3);
        assertThat(gauge("ductor_queue_longest_messages")).isEqualTo(2);

        var next = conversations.complete(chat(1), run1).orElseThrow();
        assertThat(next.pending().key()).isEqualTo("tg:1:2");
        assertThat(gauge("ductor_queue_waiting_messages")).isEqualTo(2);
        assertThat(gauge("ductor_queue_longest_messages")).isEqualTo(1);
        conversations.drain(chat(1));
        conversations.drain(chat(2));
        assertThat(gauge("ductor_queue_waiting_messages")).isZero();
    }
}
