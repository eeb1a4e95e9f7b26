package dev.ductor.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;
import org.slf4j.Marker;

/**
 * The agent a log line's work belongs to, as {@code agent} in the MDC (behaviour §5.8: a service serves its
 * sub-agents in child contexts of one process). A child context is started, and closed, {@link #within} its
 * agent's name; every thread created from then on by the threads of that context (its listener containers,
 * pollers, sync loops, executors) inherits the name, and this filter, run by logback before each log call,
 * puts it in that thread's MDC. Threads of the main agent have none; the log pattern shows {@code main} then.
 * Inheriting from the creating thread is what reaches the threads of every library a context starts; a pool
 * shared by the whole process would carry the name of whichever agent first made it grow, which is why the
 * services start no work on such pools (the common fork-join pool).
 */
public final class AgentMdc extends TurboFilter {

    public static final String KEY = "agent";

    private static final InheritableThreadLocal<@Nullable String> AGENT = new InheritableThreadLocal<>();

    /** Runs {@code work} as agent {@code agent}'s: it and the threads it creates log with its name. */
    public static <T> T within(String agent, Supplier<T> work) {
        String before = AGENT.get();
        AGENT.set(agent);
        MDC.put(KEY, agent);
        try {
            return work.get();
        } finally {
            if (before == null) {
                AGENT.remove();
                MDC.remove(KEY);
            } else {
                AGENT.set(before);
                MDC.put(KEY, before);
            }
        }
    }

    /** The agent this thread works for, if it was created within one. */
    public static @Nullable String current() {
        return AGENT.get();
    }

    @Override
    public FilterReply decide(
            @Nullable Marker marker,
            @Nullable Logger logger,
            @Nullable Level level,
            @Nullable String format,
            Object @Nullable [] params,
            @Nullable Throwable t) {
        String agent = AGENT.get();
        if (agent != null && !agent.equals(MDC.get(KEY))) {
            MDC.put(KEY, agent);
        }
        return FilterReply.NEUTRAL;
    }
}
