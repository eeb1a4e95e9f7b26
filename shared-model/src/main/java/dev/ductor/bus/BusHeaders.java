package dev.ductor.bus;

/** The headers every bus message carries (docs/design.md, "Bus"). */
public final class BusHeaders {

    public static final String TYPE = "ductor-type";
    public static final String SCHEMA = "ductor-schema";
    public static final String MESSAGE_ID = "message-id";
    public static final String CORRELATION_ID = "correlation-id";
    public static final String TIMESTAMP = "timestamp";
    public static final String TRACEPARENT = "traceparent";

    private BusHeaders() {}
}
