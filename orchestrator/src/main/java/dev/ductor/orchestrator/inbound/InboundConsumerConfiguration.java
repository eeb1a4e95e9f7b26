package dev.ductor.orchestrator.inbound;

import dev.ductor.bus.Topology;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The consumer of {@code orchestrator.inbound}: one consumer, manual acks, and a prefetch large enough
 * for every message that may wait in chat queues. A plain container with the raw delivery (no listener
 * adapter), so that decoding failures are settled by {@link InboundListener} for that one message only.
 */
@Configuration(proxyBeanMethods = false)
class InboundConsumerConfiguration {

    @Bean
    SimpleMessageListenerContainer inboundContainer(
            ConnectionFactory connectionFactory,
            Topology topology,
            InboundListener listener,
            ContainerCustomizer<SimpleMessageListenerContainer> traceCustomizer,
            @Value("${ductor.orchestrator.inbound-prefetch:1000}") int prefetch) {
        var container = new SimpleMessageListenerContainer(connectionFactory);
        container.setQueueNames(topology.orchestratorInboundQueue());
        container.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        container.setConcurrentConsumers(1);
        container.setPrefetchCount(prefetch);
        container.setMissingQueuesFatal(false);
        container.setMessageListener((ChannelAwareMessageListener) listener::onMessage);
        traceCustomizer.configure(container);
        return container;
    }
}
