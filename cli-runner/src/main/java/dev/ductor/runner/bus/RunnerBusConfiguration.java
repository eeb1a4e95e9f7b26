package dev.ductor.runner.bus;

import dev.ductor.bus.BusProperties;
import dev.ductor.bus.Topology;
import org.springframework.amqp.core.Base64UrlNamingStrategy;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The runner's own control queue on the fanout (requests are taken by {@link TakingRunRequests}).
 */
@Configuration(proxyBeanMethods = false)
class RunnerBusConfiguration {

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
    Declarables runnerControlBinding(Topology topology, BusProperties bus, Queue runnerControlQueue) {
        var control = new FanoutExchange(topology.controlExchange(), true, false);
        control.setShouldDeclare(bus.declareTopology());
        return new Declarables(control, BindingBuilder.bind(runnerControlQueue).to(control));
    }
}
