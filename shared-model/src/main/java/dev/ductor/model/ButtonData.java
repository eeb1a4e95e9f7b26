package dev.ductor.model;

import java.util.List;

/**
 * The callback data of buttons, one definition for the gateways and the orchestrator: the prefixes of
 * the bot's own keyboards (queue cancel, model wizard, cron selector, named sessions selector, tasks selector, file browser, and ductor's selectors this bot does
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

    /** The {@code /tasks} selector of background tasks. */
    public static final String TASKS = "tsc:";

    /** The {@code /showfiles} browser: {@code sf:<folder>} opens a folder. */
    public static final String FILE_BROWSER = "sf:";

    /** The {@code /showfiles} browser: {@code sf!<folder>} asks the agent for a file of that folder. */
    public static final String FILE_REQUEST = "sf!";

    /** The welcome's quick-start buttons {@code w:1..3}: answer buttons whose prompt is canned. */
    public static final String WELCOME = "w:";

    /**
     * ductor's selectors this bot does not offer (upgrade, named sessions' result buttons, the file
     * browser's zip and upload buttons {@code fb:}); a press on an old one is acknowledged, nothing else.
     */
    public static final List<String> UNOFFERED = List.of("upg:", "ns:", "fb:");

    private static final List<String> OWN =
            List.of(QUEUE_CANCEL, MODEL_SELECTOR, CRON_SELECTOR, NAMED_SESSIONS, TASKS, FILE_BROWSER, FILE_REQUEST);

    private ButtonData() {}

    /** True for a button of an answer keyboard, false for one of the bot's own keyboards. */
    public static boolean isAnswer(String data) {
        return OWN.stream().noneMatch(data::startsWith) && UNOFFERED.stream().noneMatch(data::startsWith);
    }
}
