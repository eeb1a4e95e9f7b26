package dev.ductor.runner.run;

import dev.ductor.runner.process.ProcessTree;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;

/** A live CLI process of one run and the first reason anyone gave to end it. */
final class RunningCli {

    private final Process process;
    private final AtomicReference<@Nullable StopReason> reason = new AtomicReference<>();

    RunningCli(Process process) {
        this.process = process;
    }

    /**
     * Stop (tree kill) or interrupt (SIGINT), sent off-thread. The first reason wins, except that a stop or
     * a timeout after an interrupt escalates it.
     */
    void end(StopReason why) {
        StopReason before = reason.getAndUpdate(current ->
                current == null || (current == StopReason.INTERRUPT && why != StopReason.INTERRUPT) ? why : current);
        if (before != null && why == StopReason.INTERRUPT) {
            return;
        }
        Thread.ofVirtual().name("stop-" + process.pid()).start(() -> {
            if (why == StopReason.INTERRUPT) {
                ProcessTree.interrupt(process);
            } else {
                ProcessTree.terminate(process);
            }
        });
    }

    @Nullable
    StopReason reason() {
        return reason.get();
    }

    Process process() {
        return process;
    }
}
