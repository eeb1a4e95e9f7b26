package dev.ductor.runner.status;

import dev.ductor.model.RunnerStatus;

/** Where the runner's status goes ({@code runner.<id>} on {@code ductor.run-events} in production). */
public interface StatusSink {

    void publish(RunnerStatus status, String messageId);
}
