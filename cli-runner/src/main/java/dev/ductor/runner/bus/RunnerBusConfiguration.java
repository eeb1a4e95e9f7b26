package dev.ductor.runner.bus;

import dev.ductor.bus.Topology;
import dev.ductor.runner.RunnerProperties;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.config.SimpleRabbitListenerContainerFactory;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runner's side of the bus: request consumers with manual ack, one consumer per slot and prefetch 1
 * (a runner never holds a turn it cannot start), and its own exclusive control queue on the fanout.
 */
@Configuration(proxyBeanMethods = false)
class RunnerBusConfiguration {

    static final String REQUESTS_FACTORY = "runRequestsContainerFactory";

    @Bean(REQUESTS_FACTORY)
    SimpleRabbitListenerContainerFactory runRequestsContainerFactory(
            ConnectionFactory connectionFactory,
            RunnerProperties properties,
            ContainerCustomizer<SimpleMessageListenerContainer> traceCustomizer) {
        var factory = new SimpleRabbitListenerContainerFactory();
        factory.setConnectionFactory(connectionFactory);
        factory.setAcknowledgeMode(AcknowledgeMode.MANUAL);
        factory.setPrefetchCount(1);
        factory.setConcurrentConsumers(properties.slots());
        factory.setMaxConcurrentConsumers(properties.slots());
        factory.setMissingQueuesFatal(false);
        factory.setContainerCustomizer(traceCustomizer);
        return factory;
    }

    /**
     * Exclusive and auto-delete: it lives exactly as long as this runner's connection. (Not an
     * {@code AnonymousQueue}: its leader-locator argument is refused by RabbitMQ 4 for classic queues.)
     */
    @Bean
    Queue runnerControlQueue(Topology topology) {
        String prefix = topology.namespace().isEmpty() ? "" : topology.namespace() + ".";
        String name = Base64UrlNamingStrategy.DEFAULT.generateName().replace("spring.gen-", prefix + "runner.control.");
        return new Queue(name, false, true, true);
    }

    @Bean
    Declarables runnerControlBinding(Topology topology, Queue runnerControlQueue) {
        var control = new FanoutExchange(topology.controlExchange(), true, false);
        return new Declarables(control, BindingBuilder.bind(runnerControlQueue).to(control));
    }
}
