package dev.ductor.gateway.telegram.outbound;

import java.util.concurrent.locks.LockSupport;

/** A plausible agent answer and the pacing of its stream, shared by the burst test and the benchmark. */
final class StreamScript {

    private StreamScript() {}

    /** About {@code size} characters of prose in paragraphs of a few sentences. */
    static String answer(int size) {
        StringBuilder text = new StringBuilder();
        int sentence = 0;
        while (text.length() < size) {
            text.append("Sentence ").append(sentence++).append(" explains one more step of the change in plain words.");
            text.append(sentence % 4 == 0 ? "\n\n" : " ");
        }
        return text.toString().strip();
    }

    /** The agent's pace between deltas (not a test wait: it simulates the CLI producing text). */
    static void pause(long millis) {
        LockSupport.parkNanos(millis * 1_000_000);
    }
}
