package dev.ductor.scheduler.api;

import dev.ductor.agents.AgentsFile;
import dev.ductor.bus.Bus;
import dev.ductor.bus.BusAutoConfiguration;
import dev.ductor.bus.BusProperties;
import dev.ductor.bus.ExistingQueues;
import dev.ductor.bus.Topology;
import dev.ductor.config.DuctorHome;
import java.time.Clock;
import java.util.UUID;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inter-agent tools (behaviour §5.8) and this scheduler's reply queue for {@code ask_agent}: exclusive and
 * auto-delete (it lives as long as this instance's connection; the broker's admin declares it again after a
 * reconnect), named {@code <namespace>.scheduler.replies.<random>}. In the main context only: the one agent API
 * serves these tools to every agent.
 */
@Configuration
@ConditionalOnProperty(name = "ductor.agent", havingValue = "main", matchIfMissing = true)
class InterAgentConfiguration {

    @Bean
    Queue interAgentReplyQueue(Bus bus) {
        String namespace = bus.topology().namespace();
        String name = (namespace.isEmpty() ? "" : namespace + ".") + "scheduler.replies." + UUID.randomUUID();
        return new Queue(name, false, true, true);
    }

    /**
     * The reply queue bound to {@code ductor.replies} under its own name: the orchestrator publishes a synchronous
     * ask's answer there (an exchange of its own rather than the default one, so no broker user needs to write
     * to every queue by name; compose's permissions, docs/design.md "Trust boundaries").
     */
    @Bean
    Binding interAgentReplyBinding(Bus bus, Queue interAgentReplyQueue) {
        return new Binding(
                interAgentReplyQueue.getName(),
                Binding.DestinationType.QUEUE,
                bus.topology().repliesExchange(),
                interAgentReplyQueue.getName(),
                null);
    }

    @Bean
    InterAgentReplies interAgentReplies(Queue interAgentReplyQueue, MessageConverter converter) {
        return new InterAgentReplies(interAgentReplyQueue.getName(), converter);
    }

    @Bean
    SimpleMessageListenerContainer interAgentReplyListener(
            ConnectionFactory connections, Queue interAgentReplyQueue, InterAgentReplies replies) {
        var container = new SimpleMessageListenerContainer(connections);
        container.setQueues(interAgentReplyQueue);
        container.setMessageListener(replies::onMessage);
        container.setMissingQueuesFatal(false);
        return container;
    }

    /**
     * Declares the recipient's inbound queue before each ask (where this service declares the topology), so an
     * ask to an agent whose orchestrator has not started it yet waits there instead of being confirmed and
     * dropped as unroutable; where it does not (compose), refuses an ask while that queue does not exist yet;
     * then publishes it.
     */
    @Bean
    InterAgentTools interAgentTools(
            DuctorHome home,
            Bus bus,
            BusProperties properties,
            AmqpAdmin admin,
            InterAgentReplies replies,
            Clock clock) {
        return new InterAgentTools(
                new AgentsFile(home.agentsFile()),
                (transport, ask) -> {
                    Topology recipient = new Topology(bus.topology().namespace(), ask.to());
                    if (properties.declareTopology()) {
                        declare(admin, recipient, properties);
                    } else if (!ExistingQueues.exists(admin, recipient.orchestratorInboundQueue())) {
                        // compose: only the orchestrator declares an agent's queues, when it starts the agent; an
                        // ask before that would be confirmed and dropped as unroutable
                        throw new IllegalStateException(
                                "agent '" + ask.to() + "' has not started yet; ask again in" + " a few seconds");
                    }
                    bus.toOrchestrator(transport, ask.to(), ask, ask.messageId(), ask.messageId());
                },
                replies,
                clock,
                InterAgentTools.SYNC_WAIT);
    }

    private static void declare(AmqpAdmin admin, Topology recipient, BusProperties properties) {
        for (Declarable declarable : BusAutoConfiguration.orchestratorInbound(recipient, properties)) {
            switch (declarable) {
                case Exchange exchange -> admin.declareExchange(exchange);
                case Queue queue -> admin.declareQueue(queue);
                case Binding binding -> admin.declareBinding(binding);
                default -> throw new IllegalStateException("not declarable here: " + declarable);
            }
        }
    }
}
