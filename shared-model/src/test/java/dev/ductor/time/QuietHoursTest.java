package dev.ductor.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class QuietHoursTest {

    @Test
    void wrapAroundWindowIsQuietFromStartInclusiveToEndExclusive() {
        // scenario 62: quiet_start=22, quiet_end=7
        assertThat(QuietHours.quiet(22, 7, 23)).isTrue();
        assertThat(QuietHours.quiet(22, 7, 6)).isTrue();
        assertThat(QuietHours.quiet(22, 7, 22)).isTrue();
        assertThat(QuietHours.quiet(22, 7, 7)).isFalse();
        assertThat(QuietHours.quiet(22, 7, 12)).isFalse();
    }

    @Test
    void plainWindowEqualBoundsAndMissingBounds() {
        assertThat(QuietHours.quiet(1, 5, 1)).isTrue();
        assertThat(QuietHours.quiet(1, 5, 5)).isFalse();
        assertThat(QuietHours.quiet(8, 8, 8)).isFalse();
        assertThat(QuietHours.quiet(null, 7, 3)).isFalse();
        assertThat(QuietHours.quiet(22, null, 23)).isFalse();
    }
}
