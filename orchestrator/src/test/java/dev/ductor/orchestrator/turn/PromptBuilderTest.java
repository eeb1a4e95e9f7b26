package dev.ductor.orchestrator.turn;

import static dev.ductor.orchestrator.TestMessages.chat;
import static dev.ductor.orchestrator.TestMessages.message;
import static dev.ductor.orchestrator.TestMessages.privateMessage;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromptBuilderTest {

    @Test
    void plainMessageIsSentAsItIs() {
        assertThat(PromptBuilder.prompt(privateMessage(1, "1", "hi"), 0)).isEqualTo("hi");
    }

    @Test
    void replyToAQuotedMessageIsFramedAsInSpec38() {
        var msg = message(chat(1), "private", 1, "2", "what about this?", "line one\nline two");

        assertThat(PromptBuilder.prompt(msg, 0))
                .isEqualTo("The user is replying to this quoted message:\n> line one\n> line two\n\n"
                        + "The user's message:\nwhat about this?");
    }

    @Test
    void blankQuoteIsIgnored() {
        assertThat(PromptBuilder.prompt(message(chat(1), "private", 1, "2", "hi", "  "), 0))
                .isEqualTo("hi");
    }

    @Test
    void memoryCheckIsAppendedToEverySixthMessage() {
        var msg = privateMessage(1, "1", "hi");

        for (int before = 0; before < 13; before++) {
            String prompt = PromptBuilder.prompt(msg, before);
            if (before == 5 || before == 11) {
                assertThat(prompt).isEqualTo("hi\n\n" + PromptBuilder.MEMORY_CHECK);
                assertThat(prompt).contains("## MEMORY CHECK");
            } else {
                assertThat(prompt).as("message %d", before + 1).isEqualTo("hi");
            }
        }
    }
}
