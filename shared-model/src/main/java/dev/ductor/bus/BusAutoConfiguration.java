package dev.ductor.bus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.amqp.core.AbstractDeclarable;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.DirectExchange;
import org.springframework.amqp.core.FanoutExchange;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.config.ContainerCustomizer;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.PropertySource;

/**
 * The bus of every service: converter, confirms, trace propagation into the log MDC, and the durable
 * topology of docs/design.md, "Bus" (declared by every service, so a message published before its consumer ever
 * started waits in its queue instead of being dropped as unroutable), unless {@code ductor.bus.declare-topology}
 * is off because the broker loads it from its definitions (compose).
 */
@AutoConfiguration(beforeName = "org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration")
@EnableConfigurationProperties(BusProperties.class)
@PropertySource("classpath:dev/ductor/bus/bus-defaults.properties")
public class BusAutoConfiguration {

    @Bean
    Topology ductorTopology(BusProperties properties, @Value("${ductor.agent:main}") String agent) {
        return new Topology(properties.namespace(), agent);
    }

    @Bean
    MessageConverter ductorMessageConverter() {
        return new ContractMessageConverter(ContractJson.mapper());
    }

    @Bean
    Bus ductorBus(RabbitTemplate template, Topology topology, BusProperties properties) {
        return new Bus(template, topology, properties);
    }

    /** Publisher confirms are not optional here: {@link Bus} waits for them on every publish. */
    @Bean
    static BeanPostProcessor ductorPublisherConfirms() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String beanName) {
                if (bean instanceof CachingConnectionFactory factory) {
                    factory.setPublisherConfirmType(CachingConnectionFactory.ConfirmType.SIMPLE);
                }
                return bean;
            }
        };
    }

    /** Puts the trace id of each consumed message into the log MDC of the listener thread. */
    @Bean
    ContainerCustomizer<SimpleMessageListenerContainer> ductorTraceCustomizer() {
        return container -> container.addAfterReceivePostProcessors(message -> {
            Object traceparent = message.getMessageProperties().getHeaders().get(BusHeaders.TRACEPARENT);
            Traces.enter(traceparent == null ? null : traceparent.toString());
            return message;
        });
    }

    @Bean
    Gateways ductorGateways(@Value("${ductor.bus.gateways:tg.main}") List<String> gateways) {
        return Gateways.parse(gateways);
    }

    /** Only where this service declares the topology, and only for the main agent's queues. */
    @Bean
    @ConditionalOnProperty(name = "ductor.bus.declare-topology", havingValue = "true", matchIfMissing = true)
    LegacyBindings ductorLegacyBindings(ObjectProvider<AmqpAdmin> admin, Topology topology) {
        return new LegacyBindings(admin, new Topology(topology.namespace()));
    }

    /**
     * The whole topology; where the service does not declare it, only a sub-agent's own queues (with {@code
     * declare-agent-queues}) are declared, or none.
     */
    @Bean
    Declarables ductorTopologyDeclarables(Topology topology, BusProperties properties, Gateways gateways) {
        var shared = new ArrayList<Declarable>();
        var inbound = new TopicExchange(topology.inboundExchange(), true, false);
        var runs = new DirectExchange(topology.runsExchange(), true, false);
        var runEvents = new TopicExchange(topology.runEventsExchange(), true, false);
        var control = new FanoutExchange(topology.controlExchange(), true, false);
        var outbound = new TopicExchange(topology.outboundExchange(), true, false);
        var dlx = new DirectExchange(topology.deadLetterExchange(), true, false);
        var replies = new DirectExchange(topology.repliesExchange(), true, false);
        shared.addAll(List.of(inbound, runs, runEvents, control, outbound, dlx, replies));

        // what is named after this context's agent: the main agent's are in compose's definitions, a
        // sub-agent's are not (docs/design.md, "Sub-agents")
        var own = new ArrayList<Declarable>();
        Queue orchestratorInbound = queue(topology, properties, topology.orchestratorInboundQueue(), true, own);
        own.add(BindingBuilder.bind(orchestratorInbound).to(inbound).with(topology.orchestratorInboundBinding()));
        Queue runEventsQueue = queue(topology, properties, topology.orchestratorRunEventsQueue(), true, own);
        own.add(BindingBuilder.bind(runEventsQueue).to(runEvents).with(topology.orchestratorRunEventsBinding()));
        own.add(BindingBuilder.bind(runEventsQueue).to(runEvents).with("runner.#"));
        Queue requests = queue(topology, properties, topology.runnerRequestsQueue(), false, shared);
        shared.add(BindingBuilder.bind(requests).to(runs).with(Topology.RUN_ROUTING_KEY));
        for (Gateways.Address gateway : gateways.all()) {
            List<Declarable> into = gateway.agent().equals(topology.agent()) ? own : shared;
            Queue q = queue(
                    topology,
                    properties,
                    topology.gatewayOutboundQueue(gateway.transport(), gateway.agent()),
                    true,
                    into);
            into.add(BindingBuilder.bind(q)
                    .to(outbound)
                    .with(Topology.addressKey(gateway.transport(), gateway.agent())));
        }
        if (!properties.declareTopology()) {
            shared.forEach(declarable -> ((AbstractDeclarable) declarable).setShouldDeclare(false));
            boolean declareOwn = properties.declareAgentQueues() && topology.subAgent();
            own.forEach(declarable -> ((AbstractDeclarable) declarable).setShouldDeclare(declareOwn));
        }
        var all = new ArrayList<>(shared);
        all.addAll(own);
        return new Declarables(all);
    }

    /**
     * A sub-agent's context that declares none of its queues (compose's gateways) waits for them at start:
     * the orchestrator's context of that agent declares them.
     */
    @Bean
    @ConditionalOnProperty(name = "ductor.bus.declare-topology", havingValue = "false")
    AgentQueuesPresent ductorAgentQueuesPresent(
            ObjectProvider<AmqpAdmin> admin, Topology topology, BusProperties properties, Gateways gateways) {
        List<String> queues =
                new ArrayList<>(List.of(topology.orchestratorInboundQueue(), topology.orchestratorRunEventsQueue()));
        gateways.all().stream()
                .filter(gateway -> gateway.agent().equals(topology.agent()))
                .forEach(gateway -> queues.add(topology.gatewayOutboundQueue(gateway.transport(), gateway.agent())));
        boolean waits = topology.subAgent() && !properties.declareAgentQueues();
        return new AgentQueuesPresent(admin, waits ? queues : List.of(), properties.agentQueuesTimeout());
    }

    /**
     * The inbound exchange and the inbound queue (with its DLQ) of {@code topology}'s agent's orchestrator, as
     * that orchestrator declares them: for a publisher that must not lose a message to an agent whose
     * orchestrator has not run yet (an inter-agent ask, docs/design.md "Messages between agents").
     */
    public static List<Declarable> orchestratorInbound(Topology topology, BusProperties properties) {
        var declarables = new ArrayList<Declarable>();
        var inbound = new TopicExchange(topology.inboundExchange(), true, false);
        declarables.add(inbound);
        Queue queue = queue(topology, properties, topology.orchestratorInboundQueue(), true, declarables);
        declarables.add(BindingBuilder.bind(queue).to(inbound).with(topology.orchestratorInboundBinding()));
        return declarables;
    }

    /** A durable queue with its DLQ; RabbitMQ-only arguments only where the property allows them. */
    static Queue queue(
            Topology topology, BusProperties properties, String name, boolean singleActive, List<Declarable> out) {
        Map<String, Object> args = new HashMap<>();
        if (properties.rabbitmqQueueArguments()) {
            args.put("x-queue-type", "quorum");
            args.put("x-delivery-limit", properties.deliveryLimit());
            args.put("x-dead-letter-exchange", topology.deadLetterExchange());
            args.put("x-dead-letter-routing-key", name);
            if (singleActive) {
                args.put("x-single-active-consumer", true);
            }
        }
        var queue = new Queue(name, true, false, false, args);
        var dlq = new Queue(Topology.deadLetterQueue(name), true, false, false, Map.of());
        Binding dlqBinding =
                new Binding(dlq.getName(), Binding.DestinationType.QUEUE, topology.deadLetterExchange(), name, null);
        out.add(queue);
        out.add(dlq);
        out.add(dlqBinding);
        return queue;
    }
}
