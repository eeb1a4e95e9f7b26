package dev.ductor.bus;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Binding;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Removes the bindings of the main agent's orchestrator queues that took every agent's traffic ({@code #} on
 * {@code ductor.inbound}, {@code run.#} on {@code ductor.run-events}) from a broker set up by an earlier
 * version: with them the main orchestrator would also take a sub-agent's messages and run events (behaviour
 * §5.8). Declaring never removes a binding, so this does, once the service is ready; unbinding what is not
 * there is harmless.
 */
final class LegacyBindings implements ApplicationListener<ApplicationReadyEvent> {

    private static final Logger log = LoggerFactory.getLogger(LegacyBindings.class);

    private final ObjectProvider<AmqpAdmin> admin;
    private final Topology topology;

    LegacyBindings(ObjectProvider<AmqpAdmin> admin, Topology topology) {
        this.admin = admin;
        this.topology = topology;
    }

    @Override
    public void onApplicationEvent(ApplicationReadyEvent event) {
        remove(topology.orchestratorInboundQueue(), topology.inboundExchange(), "#");
        remove(topology.orchestratorRunEventsQueue(), topology.runEventsExchange(), "run.#");
    }

    private void remove(String queue, String exchange, String key) {
        AmqpAdmin amqp = admin.getIfAvailable();
        if (amqp == null) {
            return;
        }
        try {
            amqp.removeBinding(new Binding(queue, Binding.DestinationType.QUEUE, exchange, key, null));
        } catch (RuntimeException e) {
            log.warn("Cannot remove the old binding {} of {} to {}: {}", key, queue, exchange, e.toString());
        }
    }
}
