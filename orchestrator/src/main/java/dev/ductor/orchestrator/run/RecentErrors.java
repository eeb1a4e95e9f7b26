package dev.ductor.orchestrator.run;

import dev.ductor.model.ChatRef;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The last few turns that ended badly (error, timeout, CLI missing, run lost), kept per conversation, so
 * {@code /diagnose} shows a chat only its own (behaviour §2.18): another chat's error details are not its
 * business.
 */
@Component
public class RecentErrors {

    static final int KEEP = 10;
    static final int CONVERSATIONS = 1000;

    public record Entry(Instant at, String chat, String provider, String kind, String detail) {}

    /** Per storage key, newest first. */
    private final Map<String, Deque<Entry>> byConversation = new LinkedHashMap<>();

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
        var entries = byConversation.remove(chat);
        if (entries == null) {
            entries = new ArrayDeque<>();
        }
        // re-inserted last: the conversation that failed longest ago is the one forgotten first
        byConversation.put(chat, entries);
        if (byConversation.size() > CONVERSATIONS) {
            byConversation.remove(byConversation.keySet().iterator().next());
        }
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

    /**
     * The last {@value #KEEP} failures of this chat, newest first: of the chat itself and of its forum
     * topics (one group, the same members), never of another chat.
     */
    public synchronized List<Entry> of(ChatRef chat) {
        String whole = new ChatRef(chat.transport(), chat.agent(), chat.chatId(), null).storageKey();
        return byConversation.entrySet().stream()
                .filter(e -> e.getKey().equals(whole) || e.getKey().startsWith(whole + ":"))
                .flatMap(e -> e.getValue().stream())
                .sorted(Comparator.comparing(Entry::at).reversed())
                .limit(KEEP)
                .toList();
    }
}
