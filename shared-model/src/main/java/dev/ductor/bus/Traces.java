package dev.ductor.bus;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;
import org.jspecify.annotations.Nullable;
import org.slf4j.MDC;

/**
 * W3C trace context for a turn: a gateway starts a trace per user message, every service copies the
 * {@code traceparent} header of what it consumes onto what it publishes, and the trace id sits in the
 * log MDC as {@code traceId}.
 */
public final class Traces {

    public static final String MDC_TRACE_ID = "traceId";
    private static final String MDC_TRACEPARENT = "traceparent";

    private Traces() {}

    public static String newTraceparent() {
        var random = ThreadLocalRandom.current();
        byte[] trace = new byte[16];
        byte[] span = new byte[8];
        random.nextBytes(trace);
        random.nextBytes(span);
        return "00-" + HexFormat.of().formatHex(trace) + "-" + HexFormat.of().formatHex(span) + "-01";
    }

    /** Makes {@code traceparent} current on this thread (null clears it). */
    public static void enter(@Nullable String traceparent) {
        if (traceparent == null || traceparent.length() < 55) {
            MDC.remove(MDC_TRACE_ID);
            MDC.remove(MDC_TRACEPARENT);
            return;
        }
        MDC.put(MDC_TRACEPARENT, traceparent);
        MDC.put(MDC_TRACE_ID, traceparent.substring(3, 35));
    }

    public static @Nullable String current() {
        return MDC.get(MDC_TRACEPARENT);
    }

    public static void clear() {
        enter(null);
    }
}
