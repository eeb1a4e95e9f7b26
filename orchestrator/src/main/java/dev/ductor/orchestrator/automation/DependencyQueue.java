package dev.ductor.orchestrator.automation;

import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * ductor's dependency queue (behaviour §6.5), shared by cron jobs and webhook tasks: runs with the same
 * {@code dependency} one at a time, first come first served; without one, at once. A waiting start keeps
 * its bus delivery unsettled, so it is not lost if the orchestrator stops. A second delivery of a fire
 * that is still waiting (a redelivery, a scheduler resend) takes the first one's place, and the first one
 * is dropped, so the fire runs once.
 */
@Component
class DependencyQueue {

    /** Starts a run; true when a run now holds the dependency (it is released when that run ends). */
    @FunctionalInterface
    interface Start {
        boolean start();
    }

    private record Waiting(String key, Start start, Runnable dropped) {}

    private final Map<String, Deque<Waiting>> waiting = new HashMap<>();

    /**
     * Runs {@code start} now or when the dependency is free; {@code dropped} settles this delivery when a
     * later delivery with the same {@code key} replaces it while it waits.
     */
    void run(@Nullable String dependency, String key, Start start, Runnable dropped) {
        if (dependency == null) {
            start.start();
            return;
        }
        Runnable replaced;
        synchronized (this) {
            Deque<Waiting> queue = waiting.get(dependency);
            if (queue == null) {
                waiting.put(dependency, new ArrayDeque<>());
                replaced = null;
            } else {
                Waiting fresh = new Waiting(key, start, dropped);
                replaced = replace(queue, fresh);
                if (replaced == null) {
                    queue.addLast(fresh);
                    return;
                }
            }
        }
        if (replaced != null) {
            replaced.run();
            return;
        }
        if (!start.start()) {
            release(dependency);
        }
    }

    /** Marks the dependency as held by a run that is already going (one recorded before a restart). */
    synchronized void hold(String dependency) {
        waiting.putIfAbsent(dependency, new ArrayDeque<>());
    }

    /** The run holding the dependency ended: the next waiting start runs (and the next, if it ran nothing). */
    void release(@Nullable String dependency) {
        if (dependency == null) {
            return;
        }
        while (true) {
            Waiting next;
            synchronized (this) {
                Deque<Waiting> queue = waiting.get(dependency);
                if (queue == null) {
                    return;
                }
                next = queue.pollFirst();
                if (next == null) {
                    waiting.remove(dependency);
                    return;
                }
            }
            if (next.start().start()) {
                return;
            }
        }
    }

    synchronized boolean held(String dependency) {
        return waiting.containsKey(dependency);
    }

    /** Puts {@code fresh} in the place of a waiting start with its key; the replaced one's drop, or null. */
    private static @Nullable Runnable replace(Deque<Waiting> queue, Waiting fresh) {
        Waiting[] entries = queue.toArray(Waiting[]::new);
        for (int i = 0; i < entries.length; i++) {
            if (entries[i].key().equals(fresh.key())) {
                Runnable dropped = entries[i].dropped();
                entries[i] = fresh;
                queue.clear();
                Collections.addAll(queue, entries);
                return dropped;
            }
        }
        return null;
    }
}
