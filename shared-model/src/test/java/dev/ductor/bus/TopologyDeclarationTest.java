package dev.ductor.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AbstractDeclarable;
import org.springframework.amqp.core.Binding;
import org.springframework.amqp.core.Declarable;
import org.springframework.amqp.core.Declarables;
import org.springframework.amqp.core.Exchange;
import org.springframework.amqp.core.Queue;
import org.springframework.boot.amqp.autoconfigure.RabbitAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * What a service's bus declares (docs/design.md, "Bus" and "Sub-agents"): everything where it declares the
 * topology; under compose nothing, but for a sub-agent's context with {@code declare-agent-queues} (the
 * orchestrator's) exactly that agent's queues, their dead-letter queues and bindings. No broker is reached.
 */
class TopologyDeclarationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(BusAutoConfiguration.class, RabbitAutoConfiguration.class));

    @Test
    void outsideComposeEveryServiceDeclaresTheWholeTopology() {
        runner.withPropertyValues("ductor.agent=helper", "ductor.bus.gateways=tg.helper")
                .run(context -> assertThat(declared(context.getBean("ductorTopologyDeclarables", Declarables.class)))
                        .contains("ductor.inbound", "ductor.dlx", "runner.requests", "orchestrator.helper.inbound")
                        .hasSize(all(context.getBean("ductorTopologyDeclarables", Declarables.class))
                                .size()));
    }

    @Test
    void underComposeTheMainAgentsContextDeclaresNothing() {
        runner.withPropertyValues(
                        "ductor.bus.declare-topology=false",
                        "ductor.bus.declare-agent-queues=true",
                        "ductor.bus.gateways=tg.main,mx.main")
                .run(context -> assertThat(declared(context.getBean("ductorTopologyDeclarables", Declarables.class)))
                        .isEmpty());
    }

    @Test
    void underComposeASubAgentsOrchestratorContextDeclaresItsOwnQueuesOnly() {
        runner.withPropertyValues(
                        "ductor.agent=helper",
                        "ductor.bus.declare-topology=false",
                        "ductor.bus.declare-agent-queues=true",
                        "ductor.bus.gateways=tg.helper")
                .run(context -> assertThat(declared(context.getBean("ductorTopologyDeclarables", Declarables.class)))
                        .containsExactlyInAnyOrder(
                                "orchestrator.helper.inbound",
                                "orchestrator.helper.inbound.dlq",
                                "ductor.dlx -> orchestrator.helper.inbound.dlq (orchestrator.helper.inbound)",
                                "ductor.inbound -> orchestrator.helper.inbound (*.helper)",
                                "orchestrator.helper.run-events",
                                "orchestrator.helper.run-events.dlq",
                                "ductor.dlx -> orchestrator.helper.run-events.dlq (orchestrator.helper.run-events)",
                                "ductor.run-events -> orchestrator.helper.run-events (run.*.helper)",
                                "ductor.run-events -> orchestrator.helper.run-events (runner.#)",
                                "gateway.tg.helper.outbound",
                                "gateway.tg.helper.outbound.dlq",
                                "ductor.dlx -> gateway.tg.helper.outbound.dlq (gateway.tg.helper.outbound)",
                                "ductor.outbound -> gateway.tg.helper.outbound (tg.helper)"));
    }

    private static List<Declarable> all(Declarables declarables) {
        return List.copyOf(declarables.getDeclarables());
    }

    private static List<String> declared(Declarables declarables) {
        return all(declarables).stream()
                .filter(declarable -> ((AbstractDeclarable) declarable).shouldDeclare())
                .map(TopologyDeclarationTest::describe)
                .toList();
    }

    private static String describe(Declarable declarable) {
        return switch (declarable) {
            case Queue queue -> queue.getName();
            case Exchange exchange -> exchange.getName();
            case Binding binding ->
                binding.getExchange() + " -> " + binding.getDestination() + " (" + binding.getRoutingKey() + ")";
            default -> declarable.toString();
        };
    }
}
