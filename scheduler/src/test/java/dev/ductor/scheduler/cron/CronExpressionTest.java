package dev.ductor.scheduler.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CronExpressionTest {

    private static final ZoneId UTC = ZoneOffset.UTC;
    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
    private static final ZoneId ADELAIDE = ZoneId.of("Australia/Adelaide");
    private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");

    private static List<Instant> fires(String expression, String fromUtc, int count, ZoneId zone) {
        var cron = CronExpression.parse(expression);
        List<Instant> fires = new ArrayList<>();
        Instant at = Instant.parse(fromUtc);
        for (int i = 0; i < count; i++) {
            at = cron.next(at, zone).orElseThrow();
            fires.add(at);
        }
        return fires;
    }

    private static Instant utc(String text) {
        return Instant.parse(text);
    }

    @Test
    void vixieOrsDayOfMonthAndDayOfWeekWhenBothAreRestricted() {
        // the 13th, or any Friday: 2026-02-06 (Fri), 2026-02-13 (Fri and 13th), 2026-02-20 (Fri), 2026-02-27 (Fri),
        // 2026-03-06 ...
        assertThat(fires("0 0 13 * 5", "2026-02-01T00:00:00Z", 5, UTC))
                .containsExactly(
                        utc("2026-02-06T00:00:00Z"),
                        utc("2026-02-13T00:00:00Z"),
                        utc("2026-02-20T00:00:00Z"),
                        utc("2026-02-27T00:00:00Z"),
                        utc("2026-03-06T00:00:00Z"));
    }

    @Test
    void aStarredDayFieldMakesTheOtherOneDecideAlone() {
        // '*/2' starts with '*': unrestricted as in Vixie cron, so only Mondays count (ANDed)
        assertThat(fires("0 0 */2 * 1", "2026-02-01T00:00:00Z", 3, UTC))
                .containsExactly(utc("2026-02-09T00:00:00Z"), utc("2026-02-23T00:00:00Z"), utc("2026-03-09T00:00:00Z"));
    }

    @Test
    void listsRangesStepsNamesAndSundayAsSeven() {
        assertThat(fires("15,45 9-17/4 * jan-mar mon-fri", "2026-01-05T00:00:00Z", 4, UTC))
                .containsExactly(
                        utc("2026-01-05T09:15:00Z"),
                        utc("2026-01-05T09:45:00Z"),
                        utc("2026-01-05T13:15:00Z"),
                        utc("2026-01-05T13:45:00Z"));
        assertThat(fires("0 12 * * 7", "2026-01-01T00:00:00Z", 1, UTC)).containsExactly(utc("2026-01-04T12:00:00Z"));
        assertThat(fires("0 12 * * SUN", "2026-01-01T00:00:00Z", 1, UTC)).containsExactly(utc("2026-01-04T12:00:00Z"));
        assertThat(fires("@daily", "2026-01-01T10:00:00Z", 1, UTC)).containsExactly(utc("2026-01-02T00:00:00Z"));
        assertThat(fires("30 */6 * * *", "2026-01-01T00:00:00Z", 2, UTC))
                .containsExactly(utc("2026-01-01T00:30:00Z"), utc("2026-01-01T06:30:00Z"));
    }

    @Test
    void invalidExpressionsSayWhatIsWrong() {
        assertThatThrownBy(() -> CronExpression.parse("* * * *")).hasMessageContaining("5");
        assertThatThrownBy(() -> CronExpression.parse("60 * * * *")).hasMessageContaining("minute 60");
        assertThatThrownBy(() -> CronExpression.parse("* * * * 8")).hasMessageContaining("day of week");
        assertThatThrownBy(() -> CronExpression.parse("*/0 * * * *")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CronExpression.parse("5-1 * * * *")).hasMessageContaining("backwards");
        assertThatThrownBy(() -> CronExpression.parse("a * * * *")).hasMessageContaining("not a valid minute");
        assertThat(CronExpression.parse("0 0 30 2 *").next(utc("2026-01-01T00:00:00Z"), UTC))
                .isEmpty();
    }

    @Test
    void nineInBerlinIsNineAcrossBothDaylightSavingChanges() {
        // scenario 61: CET (UTC+1) before 29 March 2026, CEST (UTC+2) after, CET again after 25 October
        assertThat(fires("0 9 * * *", "2026-03-27T12:00:00Z", 3, BERLIN))
                .containsExactly(utc("2026-03-28T08:00:00Z"), utc("2026-03-29T07:00:00Z"), utc("2026-03-30T07:00:00Z"));
        assertThat(fires("0 9 * * *", "2026-10-24T12:00:00Z", 2, BERLIN))
                .containsExactly(utc("2026-10-25T08:00:00Z"), utc("2026-10-26T08:00:00Z"));
    }

    @Test
    void theSkippedHourInBerlinFiresOnceShiftedByTheGap() {
        // 29 March 2026 02:00 CET jumps to 03:00 CEST: 02:30 does not exist and fires at 03:30 CEST (01:30Z)
        assertThat(fires("30 2 * * *", "2026-03-28T12:00:00Z", 3, BERLIN))
                .containsExactly(utc("2026-03-29T01:30:00Z"), utc("2026-03-30T00:30:00Z"), utc("2026-03-31T00:30:00Z"));
        // hourly: 01:30 CET, the missing 02:30 (→ 03:30 CEST), then 04:30 CEST — 03:30 does not fire twice
        assertThat(fires("30 * * * *", "2026-03-29T00:00:00Z", 3, BERLIN))
                .containsExactly(utc("2026-03-29T00:30:00Z"), utc("2026-03-29T01:30:00Z"), utc("2026-03-29T02:30:00Z"));
    }

    @Test
    void theRepeatedHourInBerlinFiresOnce() {
        // 25 October 2026 03:00 CEST falls back to 02:00 CET: 02:30 happens twice, the job fires at the first
        assertThat(fires("30 2 * * *", "2026-10-24T12:00:00Z", 2, BERLIN))
                .containsExactly(utc("2026-10-25T00:30:00Z"), utc("2026-10-26T01:30:00Z"));
        // hourly: 01:30 CEST, 02:30 CEST, (02:30 CET skipped), 03:30 CET
        assertThat(fires("30 * * * *", "2026-10-24T23:00:00Z", 3, BERLIN))
                .containsExactly(utc("2026-10-24T23:30:00Z"), utc("2026-10-25T00:30:00Z"), utc("2026-10-25T02:30:00Z"));
        // a scheduler started during the second 02:xx still waits for 03:30, not a second 02:30
        assertThat(fires("30 2,3 * * *", "2026-10-25T01:10:00Z", 1, BERLIN))
                .containsExactly(utc("2026-10-25T02:30:00Z"));
    }

    @Test
    void adelaideWithItsHalfHourOffsetAcrossBothChanges() {
        // ACDT (UTC+10:30) ends 5 April 2026 03:00 → 02:00 ACST (UTC+9:30); ACST starts again 4 October 02:00 → 03:00
        assertThat(fires("0 9 * * *", "2026-04-03T12:00:00Z", 3, ADELAIDE))
                .containsExactly(utc("2026-04-03T22:30:00Z"), utc("2026-04-04T23:30:00Z"), utc("2026-04-05T23:30:00Z"));
        // the repeated 02:30 on 5 April fires once, at its first (ACDT) occurrence
        assertThat(fires("30 2 * * *", "2026-04-04T00:00:00Z", 2, ADELAIDE))
                .containsExactly(utc("2026-04-04T16:00:00Z"), utc("2026-04-05T17:00:00Z"));
        // the skipped 02:30 on 4 October fires once, at 03:30 ACDT (17:00Z the day before)
        assertThat(fires("30 2 * * *", "2026-10-02T00:00:00Z", 3, ADELAIDE))
                .containsExactly(utc("2026-10-02T17:00:00Z"), utc("2026-10-03T17:00:00Z"), utc("2026-10-04T16:00:00Z"));
    }

    @Test
    void kolkataHasAHalfHourOffsetAndNoDaylightSaving() {
        assertThat(fires("0 9 * * *", "2026-03-28T00:00:00Z", 2, KOLKATA))
                .containsExactly(utc("2026-03-28T03:30:00Z"), utc("2026-03-29T03:30:00Z"));
    }

    @Test
    void nextLocalIsStrictlyAfter() {
        var cron = CronExpression.parse("0 9 * * *");
        var at = LocalDateTime.of(2026, 1, 1, 9, 0);
        assertThat(cron.nextLocal(at, at.plusDays(5))).contains(LocalDateTime.of(2026, 1, 2, 9, 0));
    }
}
