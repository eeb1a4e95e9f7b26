package dev.ductor.scheduler.watchdog;

import java.io.IOException;

/** A way to reach the owner that does not go through the bot itself. */
interface AlertChannel {

    /** A short fixed name ({@code webhook}, {@code telegram}) for state, logs and metrics. */
    String name();

    /** Returns once the other side accepted the alert; the exception's message never holds a secret. */
    void send(Alert alert) throws IOException, InterruptedException;
}
