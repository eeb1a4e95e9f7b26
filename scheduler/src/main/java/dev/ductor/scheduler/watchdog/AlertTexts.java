package dev.ductor.scheduler.watchdog;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/** The words of the alerts: plain text, readable in a chat and in a webhook's log. */
final class AlertTexts {

    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);

    private AlertTexts() {}

    static String down(List<String> problems, Instant since) {
        StringBuilder text = new StringBuilder("ductor is not answering since " + TIME.format(since) + ":");
        problems.forEach(p -> text.append("\n- ").append(p));
        return text.toString();
    }

    static String recovered(Instant since, Instant at) {
        return "ductor answers again since " + TIME.format(at) + " (silent for " + minutes(Duration.between(since, at))
                + "): every check passes.";
    }

    static String minutes(Duration duration) {
        long minutes = Math.max(0, duration.toMinutes());
        return minutes < 1 ? "less than a minute" : minutes == 1 ? "1 minute" : minutes + " minutes";
    }
}
