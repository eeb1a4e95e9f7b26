package dev.ductor.orchestrator.interagent;

import dev.ductor.model.InterAgentAnswer;
import dev.ductor.model.InterAgentAsk;

/**
 * ductor's texts of messages between agents (behaviour §5.8), in English as ductor's: the notice in the
 * recipient's chat, the prompt its agent gets, and on the asking side the injected answer, the provider
 * switch and the failure notices.
 */
final class InterAgentTexts {

    private InterAgentTexts() {}

    static String received(InterAgentAsk ask, String session) {
        String what = ask.summary() != null && !ask.summary().isBlank()
                ? ask.summary().strip()
                : cut(ask.message(), 200);
        return "📥 **Async task received** from `" + ask.from() + "`\nSession: `" + session + "` · Task ID: `"
                + ask.taskId() + "`\n\n_" + what + "_";
    }

    /** What the recipient's agent is asked. */
    static String prompt(InterAgentAsk ask) {
        return "[INTER-AGENT MESSAGE from '" + ask.from() + "']\n" + ask.message() + "\n[END INTER-AGENT MESSAGE]\n\n"
                + "You are agent '" + ask.to() + "'. Agent '" + ask.from() + "' sent you this message; your answer"
                + " is passed back to it.";
    }

    static String injection(InterAgentAnswer answer, String me) {
        return "[ASYNC INTER-AGENT RESPONSE from '" + answer.recipient() + "' (task " + answer.taskId() + ")]\n"
                + answer.text() + "\n[END ASYNC INTER-AGENT RESPONSE]\n\n"
                + "The user can continue this conversation with agent '" + answer.recipient() + "' in its own chat"
                + " with `@" + answer.session() + " <message>`.\n\n"
                + "Original task you sent to '" + answer.recipient() + "':\n" + answer.message() + "\n\n"
                + "You are agent '" + me + "'. Process this response from agent '" + answer.recipient()
                + "' and communicate the relevant results to the user in your Telegram chat.";
    }

    static String providerSwitch(String notice) {
        return "**Provider Switch Detected**\n\n" + notice;
    }

    static String providerSwitchNotice(String recipient, String session, String providers) {
        return "Agent '" + recipient + "' changed its provider (" + providers + "): session `" + session
                + "` was started anew, without its earlier messages.";
    }

    static String recovered(String recipient, String session) {
        return "Agent '" + recipient + "' could not restore session `" + session
                + "`: a new session was started automatically, without its earlier messages.";
    }

    static String failed(InterAgentAnswer answer) {
        return "**Inter-Agent Request Failed**\n\nAgent: `" + answer.recipient() + "`\nSession: `" + answer.session()
                + "`\nError: " + answer.error() + "\nRequest: _" + cut(answer.message(), 200) + "_";
    }

    private static String cut(String text, int max) {
        String stripped = text.strip();
        return stripped.length() <= max ? stripped : stripped.substring(0, max) + "…";
    }
}
