package dev.ductor.orchestrator.session;

import static dev.ductor.orchestrator.TestMessages.chat;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.testkit.time.MutableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Session rollover (behaviour §5.3) and the session-age note (behaviour §3.17), on a clock the test moves. */
class SessionFreshnessTest {

    @TempDir
    Path root;

    private SessionStore store(MutableClock clock, String extraConfig) throws Exception {
        var home = new DuctorHome(root);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(
                home.configFile(),
                "{\"allowed_user_ids\":[111],\"provider\":\"claude\",\"model\":\"opus\",\"idle_timeout_minutes\":0,"
                        + extraConfig + "}");
        var config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        return new SessionStore(home, config, clock);
    }

    @Test
    void aDailyResetStartsANewSessionOnceTheResetHourPassedInTheUsersTimeZone() throws Exception {
        // 02:00 in Berlin (UTC+1): the last 04:00 boundary was yesterday's.
        var clock = new MutableClock(Instant.parse("2026-03-01T01:00:00Z"));
        var store =
                store(clock, "\"daily_reset_enabled\":true,\"daily_reset_hour\":4,\"user_timezone\":\"Europe/Berlin\"");
        store.resolve(chat(1));
        store.recordTurn(chat(1), "claude", "sess-1", 0, 0, clock.instant());

        clock.advance(Duration.ofMinutes(90)); // 03:30 Berlin
        assertThat(store.resolve(chat(1)).active().sessionId()).isEqualTo("sess-1");

        clock.advance(Duration.ofHours(1)); // 04:30 Berlin: today's boundary passed since the last turn
        SessionData fresh = store.resolve(chat(1));
        assertThat(fresh.active().sessionId()).isNull();
        assertThat(fresh.createdAt()).isEqualTo(clock.instant());

        store.recordTurn(chat(1), "claude", "sess-2", 0, 0, clock.instant());
        clock.advance(Duration.ofHours(20)); // 00:30 Berlin next day: the boundary is still 04:30's
        assertThat(store.resolve(chat(1)).active().sessionId()).isEqualTo("sess-2");
    }

    @Test
    void withoutDailyResetTheHourDoesNothing() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-03-01T01:00:00Z"));
        var store = store(clock, "\"daily_reset_enabled\":false,\"daily_reset_hour\":4");
        store.resolve(chat(1));
        store.recordTurn(chat(1), "claude", "sess-1", 0, 0, clock.instant());
        clock.advance(Duration.ofDays(3));
        assertThat(store.resolve(chat(1)).active().sessionId()).isEqualTo("sess-1");
    }

    @Test
    void maxSessionMessagesRollsTheSessionOver() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        var store = store(clock, "\"max_session_messages\":2");
        store.resolve(chat(1));
        store.recordTurn(chat(1), "claude", "sess-1", 0, 0, clock.instant());
        assertThat(store.resolve(chat(1)).active().sessionId()).isEqualTo("sess-1");
        store.recordTurn(chat(1), "claude", "sess-1", 0, 0, clock.instant());

        SessionData next = store.resolve(chat(1));
        assertThat(next.active().sessionId()).isNull();
        assertThat(next.active().messageCount()).isZero();
    }

    @Test
    void theAgeNoteComesEveryTenthMessageOfASessionOlderThanTheSetting() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        var store = store(clock, "\"session_age_warning_hours\":12");
        store.resolve(chat(1));
        for (int i = 0; i < 9; i++) {
            store.recordTurn(chat(1), "claude", "sess-1", 0, 0, clock.instant());
        }
        clock.advance(Duration.ofHours(13));
        assertThat(store.ageWarning(chat(1))).isEmpty(); // 9 messages

        store.recordTurn(chat(1), "claude", "sess-1", 0, 0, clock.instant());
        assertThat(store.ageWarning(chat(1))).contains("13h");

        store.recordTurn(chat(1), "claude", "sess-1", 0, 0, clock.instant());
        assertThat(store.ageWarning(chat(1))).isEmpty(); // 11 messages

        for (int i = 0; i < 9; i++) {
            store.recordTurn(chat(1), "claude", "sess-1", 0, 0, clock.instant());
        }
        clock.advance(Duration.ofHours(60));
        assertThat(store.ageWarning(chat(1))).contains("3d");
    }

    @Test
    void noAgeNoteForAYoungSessionOrWhenTheSettingIsOff() throws Exception {
        var clock = new MutableClock(Instant.parse("2026-03-01T10:00:00Z"));
        var store = store(clock, "\"session_age_warning_hours\":0");
        store.resolve(chat(1));
        for (int i = 0; i < 10; i++) {
            store.recordTurn(chat(1), "claude", "sess-1", 0, 0, clock.instant());
        }
        clock.advance(Duration.ofDays(5));
        assertThat(store.ageWarning(chat(1))).isEmpty();

        var young = store(new MutableClock(Instant.parse("2026-03-01T10:00:00Z")), "\"session_age_warning_hours\":12");
        assertThat(young.ageWarning(chat(1))).isEmpty();
    }
}
