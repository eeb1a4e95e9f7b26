package dev.ductor.time;

import org.jspecify.annotations.Nullable;

/**
 * A quiet window {@code [start, end)} of local hours (behaviour §6.5): equal bounds are never quiet,
 * {@code start < end} is {@code start ≤ h < end}, a wrap-around (21→8) is {@code h ≥ start or h < end}.
 * A window with a bound missing is never quiet.
 */
public final class QuietHours {

    private QuietHours() {}

    public static boolean quiet(@Nullable Integer start, @Nullable Integer end, int hour) {
        if (start == null || end == null || start.equals(end)) {
            return false;
        }
        if (start < end) {
            return hour >= start && hour < end;
        }
        return hour >= start || hour < end;
    }
}
