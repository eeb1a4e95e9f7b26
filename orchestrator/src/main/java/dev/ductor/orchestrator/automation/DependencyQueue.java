package dev.ductor.orchestrator.automation;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ductor's dependency queue (behaviour §6.5), shared by cron jobs and webhook tasks: runs with the same
 * {@code dependency} one at a time, first come first served; without one, at once. A waiting start keeps
 * its bus delivery unsettled, so it is not lost if the orchestrator stops.
 */
@Component
class DependencyQueue {

    /** Starts a run; true when a run now holds the dependency (it is released when that run ends). */
    @FunctionalInterface
    interface Start {
        boolean start();
    }

    private final Map<String, Deque<Start>> waiting = new HashMap<>();

    void run(@Nullable String dependency, Start start) {
        if (dependency == null) {
            start.start();
            return;
        }
        synchronized (this) {
            Deque<Start> queue = waiting.get(dependency);
            if (queue != null) {
                queue.addLast(start);
                return;
            }
            waiting.put(dependency, new ArrayDeque<>());
        }
        if (!start.start()) {
            release(dependency);
        }
    }

    /** The run holding the dependency ended: the next waiting start runs (and the next, if it ran nothing). */
    void release(@Nullable String dependency) {
        if (dependency == null) {
            return;
        }
        while (true) {
            Start next;
            synchronized (this) {
                Deque<Start> queue = waiting.get(dependency);
                if (queue == null) {
                    return;
                }
                next = queue.pollFirst();
                if (next == null) {
                    waiting.remove(dependency);
                    return;
                }
            }
            if (next.start()) {
                return;
            }
        }
    }

    synchronized boolean held(String dependency) {
        return waiting.containsKey(dependency);
    }
}
