package dev.ductor.runner.run;

import dev.ductor.runner.process.ProcessTree;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/** A live CLI process of one run and the first reason anyone gave to end it. */
final class RunningCli {

    private final Process process;
    private final AtomicReference<@Nullable StopReason> reason = new AtomicReference<>();

    private final @Nullable Consumer<String> inSandbox;

    RunningCli(Process process) {
        this(process, null);
    }

    /** {@code inSandbox} signals the run's processes inside the sandbox container (by signal name). */
    RunningCli(Process process, @Nullable Consumer<String> inSandbox) {
        this.process = process;
        this.inSandbox = inSandbox;
    }

    /**
     * After the CLI exited, {@code lasted} after its start: kills whatever is left of its group, on the host
     * and in the sandbox.
     */
    void killLeftovers(java.time.Duration lasted) {
        ProcessTree.killLeftovers(process.pid(), lasted);
        if (inSandbox != null) {
            inSandbox.accept("KILL");
        }
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
        Thread.ofPlatform().daemon().name("stop-" + process.pid()).start(() -> {
            if (why == StopReason.INTERRUPT) {
                if (inSandbox != null) {
                    inSandbox.accept("INT");
                }
                ProcessTree.interrupt(process);
            } else {
                if (inSandbox != null) {
                    inSandbox.accept("TERM");
                }
                ProcessTree.terminate(process);
                if (inSandbox != null) {
                    inSandbox.accept("KILL");
                }
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
