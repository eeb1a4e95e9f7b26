package dev.ductor.runner.bus;

import dev.ductor.bus.Bus;
import dev.ductor.model.RunnerStatus;
import dev.ductor.runner.status.StatusSink;
import org.springframework.stereotype.Component;

/** The runner's status onto {@code ductor.run-events} with routing key {@code runner.<runnerId>}. */
@Component
final class BusRunnerStatus implements StatusSink {

    private final Bus bus;

    BusRunnerStatus(Bus bus) {
        this.bus = bus;
    }

    @Override
    public void publish(RunnerStatus status, String messageId) {
        bus.runnerStatus(status.runnerId(), status, messageId);
    }
}
