package dev.ductor.runner.bus;

import dev.ductor.bus.Bus;
import dev.ductor.model.Contract;
import dev.ductor.runner.run.RunEvents;
import org.springframework.stereotype.Component;

/** Run events onto {@code ductor.run-events} with routing key {@code run.<runId>}, broker-confirmed. */
@Component
final class BusRunEvents implements RunEvents {

    private final Bus bus;

    BusRunEvents(Bus bus) {
        this.bus = bus;
    }

    @Override
    public void publish(String runId, Contract event, String messageId) {
        bus.runEvent(runId, event, messageId);
    }
}
