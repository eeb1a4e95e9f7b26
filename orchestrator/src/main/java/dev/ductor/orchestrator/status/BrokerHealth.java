package dev.ductor.orchestrator.status;

import dev.ductor.bus.Topology;
import dev.ductor.orchestrator.reply.Texts;
import java.util.ArrayList;
import java.util.List;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The broker's side of {@code /diagnose} (behaviour §2.18): for the queues the orchestrator and the runners
 * work from, how many messages wait, how many consumers listen, and how many messages were dead-lettered;
 * "unreachable" when the broker does not answer.
 */
@Component
class BrokerHealth {

    private final ObjectProvider<AmqpAdmin> admin;
    private final Topology topology;
    private final Texts texts;

    BrokerHealth(ObjectProvider<AmqpAdmin> admin, Topology topology, Texts texts) {
        this.admin = admin;
        this.topology = topology;
        this.texts = texts;
    }

    String health() {
        AmqpAdmin broker = admin.getIfAvailable();
        var lines = new ArrayList<String>();
        lines.add(texts.t("health.broker_header"));
        if (broker == null) {
            lines.add(texts.t("health.broker_down", "error", "-"));
            return String.join("\n", lines);
        }
        try {
            for (String queue : List.of(
                    topology.orchestratorInboundQueue(),
                    topology.orchestratorRunEventsQueue(),
                    topology.runnerRequestsQueue())) {
                QueueInformation info = broker.getQueueInfo(queue);
                QueueInformation dead = broker.getQueueInfo(Topology.deadLetterQueue(queue));
                lines.add(texts.t(
                        "health.queue_line",
                        "queue",
                        queue,
                        "messages",
                        info == null ? 0 : info.getMessageCount(),
                        "consumers",
                        info == null ? 0 : info.getConsumerCount(),
                        "dead",
                        dead == null ? 0 : dead.getMessageCount()));
            }
        } catch (RuntimeException e) {
            lines.add(texts.t("health.broker_down", "error", String.valueOf(e.getMessage())));
        }
        return String.join("\n", lines);
    }
}
