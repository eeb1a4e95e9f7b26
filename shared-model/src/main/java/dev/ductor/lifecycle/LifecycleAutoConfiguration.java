package dev.ductor.lifecycle;

import dev.ductor.bus.BusAutoConfiguration;
import dev.ductor.bus.BusProperties;
import dev.ductor.bus.Topology;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * How a service exits for a restart ({@link ServiceExit}), and restarting when {@code /restart} asks the
 * whole bot to ({@link RestartingOnRequest}): an exclusive, auto-deleted queue per service instance on
 * the control fanout, whose other commands go to the service's {@link ControlHandler}s. The listener is off with {@code ductor.restart.on-request=false} (the orchestrator,
 * which asks, exits by itself).
 */
@AutoConfiguration(
        after = BusAutoConfiguration.class,
        afterName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
public class LifecycleAutoConfiguration {

    /**
     * Closes the Spring context (listeners stop, in-flight work is settled) and exits, from its own thread
     * so the listener that asked for it is not the one being shut down.
     */
    @Bean
    @ConditionalOnMissingBean
    ServiceExit ductorServiceExit(ApplicationContext context) {
        return code -> {
            Thread exit = new Thread(
                    () -> {
                        LoggerFactory.getLogger(ServiceExit.class).warn("Exiting with code {} for a restart", code);
                        System.exit(SpringApplication.exit(context, () -> code));
                    },
                    "ductor-restart");
            exit.start();
        };
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnProperty(name = "ductor.restart.on-request", havingValue = "true", matchIfMissing = true)
    @ConditionalOnBean(ConnectionFactory.class)
    static class RestartOnRequest {

        @Bean
        Queue ductorRestartQueue(Topology topology, @Value("${spring.application.name:service}") String service) {
            String prefix = topology.namespace().isEmpty() ? "" : topology.namespace() + ".";
            String name = prefix + service + ".restart." + java.util.UUID.randomUUID();
            return new Queue(name, false, true, true);
        }

        @Bean
        Declarables ductorRestartBinding(Topology topology, BusProperties bus, Queue ductorRestartQueue) {
            var control = new FanoutExchange(topology.controlExchange(), true, false);
            control.setShouldDeclare(bus.declareTopology());
            Binding binding = BindingBuilder.bind(ductorRestartQueue).to(control);
            return new Declarables(control, binding);
        }

        @Bean
        SimpleMessageListenerContainer ductorRestartListener(
                ConnectionFactory connections,
                Queue ductorRestartQueue,
                MessageConverter converter,
                ServiceExit exit,
                ObjectProvider<ControlHandler> handlers,
                @Value("${spring.application.name:service}") String service) {
            var container = new SimpleMessageListenerContainer(connections);
            container.setQueues(ductorRestartQueue);
            var restarting = new RestartingOnRequest(
                    converter, exit, service, handlers.orderedStream().toList());
            container.setMessageListener(restarting::onMessage);
            return container;
        }
    }
}
