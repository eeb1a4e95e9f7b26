package dev.ductor.orchestrator.turn;

import dev.ductor.model.InboundMessage;
import java.util.stream.Collectors;

/** What the agent receives for a user message (behaviour §3.8, §3.10). */
final class PromptBuilder {

    static final String MEMORY_CHECK = """
            ## MEMORY CHECK
            Silently review: memory_system/MAINMEMORY.md, user_tools/, cron_tasks/.
            If something from this conversation is worth remembering, update MAINMEMORY.md silently.
            If you notice a gap that only the user can fill, ask ONE natural follow-up question.""";

    private PromptBuilder() {}

    static String prompt(InboundMessage message, int messageCountBefore) {
        String text = message.text();
        String quoted = message.quotedText();
        if (quoted != null && !quoted.isBlank()) {
            String cited = quoted.lines().map(line -> "> " + line).collect(Collectors.joining("\n"));
            text = "The user is replying to this quoted message:\n" + cited + "\n\nThe user's message:\n" + text;
        }
        if ((messageCountBefore + 1) % 6 == 0) {
            text = text + "\n\n" + MEMORY_CHECK;
        }
        return text;
    }
}
