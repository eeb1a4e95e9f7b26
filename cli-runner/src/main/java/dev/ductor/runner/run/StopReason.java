package dev.ductor.runner.run;

import dev.ductor.model.RunFinished.Outcome;

/** Why the runner itself ended a run early. */
enum StopReason {
    /** Someone asked for it: {@code CancelRun} STOP or {@code CancelAll} ({@code /stop}, {@code stop all}). */
    STOP(Outcome.STOPPED),
    INTERRUPT(Outcome.INTERRUPTED),
    TIMEOUT(Outcome.TIMEOUT),
    /** The runner shuts down (deploy, restart): nobody asked, so the user must hear of the cut-off turn. */
    SHUTDOWN(Outcome.SHUTDOWN);

    final Outcome outcome;

    StopReason(Outcome outcome) {
        this.outcome = outcome;
    }
}
