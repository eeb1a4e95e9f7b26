package dev.ductor.orchestrator.conversation;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * The chats' queues as gauges: messages waiting in all of them, the longest single queue and the turns
 * running. Per-session figures are the longest queue rather than a gauge per chat: chat ids are personal
 * data and an unbounded label set, neither belongs in Prometheus.
 */
@Component
class QueueGauges {

    QueueGauges(Conversations conversations, MeterRegistry registry) {
        Gauge.builder("ductor_queue_waiting_messages", conversations, Conversations::waitingTotal)
                .description("Messages waiting behind a running turn, in all chats")
                .register(registry);
        Gauge.builder("ductor_queue_longest_messages", conversations, Conversations::longestQueue)
                .description("The longest queue of one chat (session)")
                .register(registry);
        Gauge.builder("ductor_turns_running", conversations, Conversations::running)
                .description("Chats (sessions) with a turn running now")
                .register(registry);
    }
}
