package dev.ductor.model;

import java.util.List;

/**
 * The callback data of buttons, one definition for the gateways and the orchestrator: the prefixes of
 * the bot's own keyboards (queue cancel, model wizard, cron selector, named sessions selector, and ductor's selectors this bot does
 * not offer), whose presses their owners handle; every other button belongs to an answer keyboard — the
 * agent's {@code [button:…]} and the welcome's quick-start buttons — whose press is the user's answer.
 */
public final class ButtonData {

    /** "Cancel message" under a queued message: {@code mq:<message id>}. */
    public static final String QUEUE_CANCEL = "mq:";

    /** The {@code /model} wizard. */
    public static final String MODEL_SELECTOR = "ms:";

    /** The {@code /cron} selector. */
    public static final String CRON_SELECTOR = "crn:";

    /** The {@code /sessions} selector of named sessions. */
    public static final String NAMED_SESSIONS = "nsc:";

    /** The welcome's quick-start buttons {@code w:1..3}: answer buttons whose prompt is canned. */
    public static final String WELCOME = "w:";

    /**
     * ductor's selectors this bot does not offer (upgrade, named sessions' result buttons, tasks, file browser: {@code sf:}
     * navigates, {@code sf!} asks the agent); a press on an old one is acknowledged, nothing else.
     */
    public static final List<String> UNOFFERED = List.of("upg:", "tsc:", "ns:", "sf:", "sf!", "fb:");

    private static final List<String> OWN = List.of(QUEUE_CANCEL, MODEL_SELECTOR, CRON_SELECTOR, NAMED_SESSIONS);

    private ButtonData() {}

    /** True for a button of an answer keyboard, false for one of the bot's own keyboards. */
    public static boolean isAnswer(String data) {
        return OWN.stream().noneMatch(data::startsWith) && UNOFFERED.stream().noneMatch(data::startsWith);
    }
}
