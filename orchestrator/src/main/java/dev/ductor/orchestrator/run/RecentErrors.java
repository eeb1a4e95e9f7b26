package dev.ductor.orchestrator.run;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/** The last few turns that ended badly (error, timeout, CLI missing, run lost), for {@code /diagnose}. */
@Component
public class RecentErrors {

    static final int KEEP = 10;

    public record Entry(Instant at, String chat, String provider, String kind, String detail) {}

    private final Deque<Entry> entries = new ArrayDeque<>();
    private final Clock clock;

    @Autowired
    RecentErrors() {
        this(Clock.systemUTC());
    }

    RecentErrors(Clock clock) {
        this.clock = clock;
    }

    synchronized void record(String chat, String provider, String kind, String detail) {
        String firstLine = detail.strip().lines().findFirst().orElse("");
        entries.addFirst(new Entry(
                clock.instant(),
                chat,
                provider,
                kind,
                firstLine.length() > 160 ? firstLine.substring(0, 160) + "…" : firstLine));
        while (entries.size() > KEEP) {
            entries.removeLast();
        }
    }

    /** Newest first. */
    public synchronized List<Entry> all() {
        return List.copyOf(entries);
    }
}
