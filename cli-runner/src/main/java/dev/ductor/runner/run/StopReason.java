package dev.ductor.runner.run;

import dev.ductor.model.RunFinished.Outcome;

/** Why the runner itself ended a run early. */
enum StopReason {
    STOP(Outcome.STOPPED),
    INTERRUPT(Outcome.INTERRUPTED),
    TIMEOUT(Outcome.TIMEOUT);

    final Outcome outcome;

    StopReason(Outcome outcome) {
        this.outcome = outcome;
    }
}
