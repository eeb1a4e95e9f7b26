package dev.ductor.gateway.telegram.outbound;

import dev.ductor.config.DuctorConfig;

/** The {@code streaming.*} settings the renderer uses (behaviour §3.11), read anew for every stream. */
record StreamSettings(
        int minChars,
        int maxChars,
        int idleMs,
        double editIntervalSeconds,
        int maxEditFailures,
        boolean appendMode,
        boolean sentenceBreak) {

    /** ductor's defaults with the given edit interval. */
    static StreamSettings defaults(double editIntervalSeconds) {
        return new StreamSettings(200, 4000, 800, editIntervalSeconds, 3, false, true);
    }

    static StreamSettings of(DuctorConfig.Streaming s) {
        return new StreamSettings(
                s.minChars() > 0 ? s.minChars() : 200,
                s.maxChars() > 0 ? s.maxChars() : 4000,
                s.idleMs() > 0 ? s.idleMs() : 800,
                s.editIntervalSeconds(),
                s.maxEditFailures() > 0 ? s.maxEditFailures() : 3,
                s.appendMode(),
                s.sentenceBreak());
    }

    Coalescer coalescer() {
        return new Coalescer(minChars, maxChars, sentenceBreak);
    }
}
