package dev.ductor.scheduler.api;

import dev.ductor.agents.AgentsFile;
import dev.ductor.bus.Bus;
import dev.ductor.config.DuctorHome;
import java.time.Clock;
import java.util.UUID;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The inter-agent tools (behaviour §5.8) and this scheduler's reply queue for {@code ask_agent}: exclusive and
 * auto-delete (it lives as long as this instance's connection; the broker's admin declares it again after a
 * reconnect), named {@code <namespace>.scheduler.replies.<random>}.
 */
@Configuration
class InterAgentConfiguration {

    @Bean
    Queue interAgentReplyQueue(Bus bus) {
        String namespace = bus.topology().namespace();
        String name = (namespace.isEmpty() ? "" : namespace + ".") + "scheduler.replies." + UUID.randomUUID();
        return new Queue(name, false, true, true);
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

    @Bean
    InterAgentTools interAgentTools(DuctorHome home, Bus bus, InterAgentReplies replies, Clock clock) {
        return new InterAgentTools(
                new AgentsFile(home.root().resolve("agents.json")),
                (transport, ask) -> bus.toOrchestrator(transport, ask.to(), ask, ask.messageId(), ask.messageId()),
                replies,
                clock,
                InterAgentTools.SYNC_WAIT);
    }
}
