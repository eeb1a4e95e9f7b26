package dev.ductor.scheduler.watchdog;

import java.time.Instant;
import java.util.List;

/**
 * What the owner is told: the bot went silent ({@code down}, with what is wrong) or answers again
 * ({@code recovered}); {@code since} is when the incident began.
 */
record Alert(String event, String text, List<String> problems, Instant since) {

    static final String DOWN = "down";
    static final String RECOVERED = "recovered";

    Alert {
        problems = List.copyOf(problems);
    }
}
