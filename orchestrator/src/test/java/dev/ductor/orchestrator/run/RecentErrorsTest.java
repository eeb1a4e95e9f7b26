package dev.ductor.orchestrator.run;

import static dev.ductor.orchestrator.TestMessages.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.ChatRef;
import dev.ductor.testkit.time.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RecentErrorsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final RecentErrors errors = new RecentErrors(clock);

    @Test
    void aChatSeesOnlyItsOwnFailuresAndThoseOfItsTopics() {
        var topic = new ChatRef("tg", "main", -100, 7L);
        errors.record(chat(1).storageKey(), "claude", "error", "chat one's secret path /home/one");
        clock.advance(Duration.ofSeconds(1));
        errors.record(chat(-100).storageKey(), "codex", "timeout", "after 5 ms");
        clock.advance(Duration.ofSeconds(1));
        errors.record(topic.storageKey(), "claude", "error", "in the topic");
        errors.record(chat(-1001).storageKey(), "claude", "error", "a different group");

        assertThat(errors.of(chat(1)))
                .extracting(RecentErrors.Entry::detail)
                .containsExactly("chat one's secret path /home/one");
        assertThat(errors.of(chat(-100)))
                .extracting(RecentErrors.Entry::detail)
                .containsExactly("in the topic", "after 5 ms");
        assertThat(errors.of(topic))
                .extracting(RecentErrors.Entry::detail)
                .containsExactly("in the topic", "after 5 ms");
        assertThat(errors.of(chat(2))).isEmpty();
    }

    @Test
    void anotherChatsFailuresNeverPushAChatsOwnOut() {
        errors.record(chat(1).storageKey(), "claude", "error", "mine");
        for (int i = 0; i < 3 * RecentErrors.KEEP; i++) {
            clock.advance(Duration.ofSeconds(1));
            errors.record(chat(2).storageKey(), "claude", "error", "theirs " + i);
        }

        assertThat(errors.of(chat(1))).extracting(RecentErrors.Entry::detail).containsExactly("mine");
        assertThat(errors.of(chat(2)))
                .hasSize(RecentErrors.KEEP)
                .first()
                .extracting(RecentErrors.Entry::detail)
                .isEqualTo("theirs " + (3 * RecentErrors.KEEP - 1));
    }
}
