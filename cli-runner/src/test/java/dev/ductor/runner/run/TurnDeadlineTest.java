package dev.ductor.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorConfig.Timeouts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Warnings before the deadline and extensions on activity, on a hand-driven clock. */
class TurnDeadlineTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final List<String> statuses = new ArrayList<>();
    private final AtomicBoolean expired = new AtomicBoolean();

    private TurnDeadline deadline(int timeout, boolean extend, int extension, int max) {
        var timeouts = new Timeouts(600, 1800, 3600, List.of(60, 10), extend, extension, max);
        return new TurnDeadline(timeout, timeouts, now::get, statuses::add, () -> expired.set(true));
    }

    private void at(long seconds, TurnDeadline deadline) {
        now.set(1_000 + TimeUnit.SECONDS.toNanos(seconds));
        deadline.tick();
    }

    @Test
    void warnsSixtyAndTenSecondsBeforeAndExpiresWithoutActivity() {
        TurnDeadline deadline = deadline(600, true, 120, 3);
        at(100, deadline);
        assertThat(statuses).isEmpty();
        at(545, deadline);
        at(546, deadline);
        assertThat(statuses).containsExactly("timeout_warning");
        at(591, deadline);
        assertThat(statuses).containsExactly("timeout_warning", "timeout_warning");
        at(600, deadline);
        assertThat(expired).isTrue();
        assertThat(deadline.extensions()).isZero();
    }

    @Test
    void recentActivityExtendsUpToTheMaximum() {
        TurnDeadline deadline = deadline(600, true, 120, 2);
        at(590, deadline);
        deadline.activity();
        at(600, deadline);
        assertThat(expired).isFalse();
        assertThat(statuses).last().isEqualTo("timeout_extended");
        at(700, deadline);
        deadline.activity();
        at(720, deadline);
        assertThat(deadline.extensions()).isEqualTo(2);
        at(830, deadline);
        deadline.activity();
        at(840, deadline);
        assertThat(expired).isTrue();
        assertThat(deadline.elapsedSeconds()).isEqualTo(840);
    }

    @Test
    void noExtensionWhenSwitchedOffOrTheActivityIsOld() {
        TurnDeadline off = deadline(600, false, 120, 3);
        at(599, off);
        off.activity();
        at(600, off);
        assertThat(expired).isTrue();

        expired.set(false);
        now.set(1_000);
        TurnDeadline stale = deadline(600, true, 120, 3);
        at(100, stale);
        stale.activity();
        at(600, stale);
        assertThat(expired).isTrue();
    }

    @Test
    void aCliThatNeverPrintedAnythingIsNotExtended() {
        TurnDeadline deadline = deadline(5, true, 120, 3);
        at(5, deadline);
        assertThat(expired).isTrue();
        assertThat(statuses).isEmpty();
    }

    @Test
    void warningsLongerThanAShortTimeoutAreSkipped() {
        TurnDeadline deadline = deadline(30, true, 120, 3);
        at(1, deadline);
        assertThat(statuses).isEmpty();
        at(21, deadline);
        assertThat(statuses).containsExactly("timeout_warning");
    }
}
