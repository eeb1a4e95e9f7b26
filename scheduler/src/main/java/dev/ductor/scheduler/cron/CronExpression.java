package dev.ductor.scheduler.cron;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.BitSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A standard five-field cron expression ({@code min hour dom month dow}) with Vixie cron's semantics, as
 * ductor's cronsim evaluates it: lists, ranges, steps, month and day names, {@code dow} 0–7 (0 and 7 are
 * Sunday), the {@code @daily}-style macros, and day-of-month ORed with day-of-week when both are
 * restricted (a field starting with {@code *} is unrestricted, {@code *}{@code /2} included).
 *
 * <p>Times are wall-clock times of a zone; see {@link #next(Instant, ZoneId)} for daylight saving time.
 */
public final class CronExpression {

    private static final Map<String, String> MACROS = Map.of(
            "@yearly", "0 0 1 1 *",
            "@annually", "0 0 1 1 *",
            "@monthly", "0 0 1 * *",
            "@weekly", "0 0 * * 0",
            "@daily", "0 0 * * *",
            "@midnight", "0 0 * * *",
            "@hourly", "0 * * * *");
    private static final String[] MONTHS = {
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"
    };
    private static final String[] DAYS = {"sun", "mon", "tue", "wed", "thu", "fri", "sat"};
    /** Far enough for any satisfiable expression (Feb 29 on a given weekday recurs within 28 years). */
    private static final int MAX_DAYS = 366 * 29;

    private final String text;
    private final BitSet minutes;
    private final BitSet hours;
    private final BitSet daysOfMonth;
    private final BitSet months;
    private final BitSet daysOfWeek;
    private final boolean domStar;
    private final boolean dowStar;

    private CronExpression(String text, String[] f) {
        this.text = text;
        this.minutes = field(f[0], 0, 59, null, "minute");
        this.hours = field(f[1], 0, 23, null, "hour");
        this.daysOfMonth = field(f[2], 1, 31, null, "day of month");
        this.months = field(f[3], 1, 12, MONTHS, "month");
        BitSet dow = field(f[4], 0, 7, DAYS, "day of week");
        if (dow.get(7)) {
            dow.set(0);
            dow.clear(7);
        }
        this.daysOfWeek = dow;
        this.domStar = f[2].startsWith("*");
        this.dowStar = f[4].startsWith("*");
    }

    /** Parses the expression; throws {@link IllegalArgumentException} saying what is wrong. */
    public static CronExpression parse(String expression) {
        String trimmed = expression.trim();
        String expanded = MACROS.getOrDefault(trimmed.toLowerCase(Locale.ROOT), trimmed);
        String[] fields = expanded.split("\\s+");
        if (fields.length != 5) {
            throw new IllegalArgumentException(
                    "'" + expression + "' has " + fields.length + " fields; cron needs 5 (min hour dom month dow)");
        }
        return new CronExpression(trimmed, fields);
    }

    /**
     * The first time strictly after {@code after} whose wall-clock time in {@code zone} matches, as ductor
     * computes it: the next matching local time, attached to the zone with the offset before a transition
     * ({@code fold=0}). A local time in a spring-forward gap therefore fires once, shifted by the gap
     * (02:30 becomes 03:30); a local time repeated at fall-back fires once, at its first occurrence. A local
     * match that resolves to an instant not after {@code after} (the second pass of a repeated hour) is
     * skipped. Empty when nothing matches within 29 years (e.g. {@code 0 0 30 2 *}).
     */
    public Optional<Instant> next(Instant after, ZoneId zone) {
        LocalDateTime local = after.atZone(zone).toLocalDateTime();
        LocalDateTime limit = local.plusDays(MAX_DAYS);
        while (true) {
            Optional<LocalDateTime> candidate = nextLocal(local, limit);
            if (candidate.isEmpty()) {
                return Optional.empty();
            }
            Instant resolved =
                    ZonedDateTime.ofLocal(candidate.get(), zone, null).toInstant();
            if (resolved.isAfter(after)) {
                return Optional.of(resolved);
            }
            local = candidate.get();
        }
    }

    /** The first matching wall-clock minute strictly after {@code after}. */
    Optional<LocalDateTime> nextLocal(LocalDateTime after, LocalDateTime limit) {
        LocalDateTime t = after.truncatedTo(ChronoUnit.MINUTES).plusMinutes(1);
        while (!t.isAfter(limit)) {
            if (!months.get(t.getMonthValue()) || !dayMatches(t)) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            int hour = hours.nextSetBit(t.getHour());
            if (hour < 0) {
                t = t.toLocalDate().plusDays(1).atStartOfDay();
                continue;
            }
            int minute = hour == t.getHour() ? minutes.nextSetBit(t.getMinute()) : minutes.nextSetBit(0);
            if (minute < 0) {
                t = t.withMinute(0).plusHours(1);
                continue;
            }
            return Optional.of(t.toLocalDate().atTime(hour, minute));
        }
        return Optional.empty();
    }

    private boolean dayMatches(LocalDateTime t) {
        boolean dom = daysOfMonth.get(t.getDayOfMonth());
        boolean dow = daysOfWeek.get(sundayZero(t.getDayOfWeek()));
        if (domStar || dowStar) {
            return dom && dow;
        }
        return dom || dow;
    }

    private static int sundayZero(DayOfWeek day) {
        return day.getValue() % 7;
    }

    private static BitSet field(String spec, int min, int max, String @Nullable [] names, String what) {
        BitSet set = new BitSet(max + 1);
        for (String part : spec.split(",", -1)) {
            if (part.isEmpty()) {
                throw new IllegalArgumentException("empty list item in the " + what + " field '" + spec + "'");
            }
            String range = part;
            int step = 1;
            int slash = part.indexOf('/');
            if (slash >= 0) {
                range = part.substring(0, slash);
                step = number(part.substring(slash + 1), 1, max, null, what);
            }
            int from;
            int to;
            if (range.equals("*")) {
                from = min;
                to = max;
            } else {
                int dash = range.indexOf('-');
                if (dash >= 0) {
                    from = number(range.substring(0, dash), min, max, names, what);
                    to = number(range.substring(dash + 1), min, max, names, what);
                    if (to < from) {
                        throw new IllegalArgumentException(
                                "range " + range + " of the " + what + " field runs backwards");
                    }
                } else {
                    from = number(range, min, max, names, what);
                    to = slash >= 0 ? max : from;
                }
            }
            for (int i = from; i <= to; i += step) {
                set.set(i);
            }
        }
        return set;
    }

    private static int number(String token, int min, int max, String @Nullable [] names, String what) {
        if (names != null) {
            String lower = token.toLowerCase(Locale.ROOT);
            for (int i = 0; i < names.length; i++) {
                if (names[i].equals(lower)) {
                    return names == MONTHS ? i + 1 : i;
                }
            }
        }
        if (token.isEmpty() || token.length() > 4 || !token.chars().allMatch(Character::isDigit)) {
            throw new IllegalArgumentException("'" + token + "' is not a valid " + what);
        }
        int value = Integer.parseInt(token);
        if (value < min || value > max) {
            throw new IllegalArgumentException(what + " " + value + " is outside " + min + "–" + max);
        }
        return value;
    }

    @Override
    public String toString() {
        return text;
    }
}
