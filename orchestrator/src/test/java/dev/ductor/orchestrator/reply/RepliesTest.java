package dev.ductor.orchestrator.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ductor.bus.Bus;
import dev.ductor.bus.ContractJson;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.StreamClose;
import dev.ductor.stream.StreamText;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;

class RepliesTest {

    private static final ChatRef CHAT = new ChatRef("tg", "main", 1, null);

    private final Bus bus = mock(Bus.class);
    private final Replies replies = new Replies(bus, mock(ConfigStore.class));

    @AfterEach
    void stop() {
        replies.close();
    }

    private StreamClose closed() {
        ArgumentCaptor<Contract> sent = ArgumentCaptor.forClass(Contract.class);
        verify(bus).toGateway(eq("tg"), eq("main"), sent.capture(), eq("run-1"), eq("run-1:close"));
        return (StreamClose) sent.getValue();
    }

    @Test
    void aHugeAnswerIsCappedSoTheCloseFitsTheBrokersMessageCap() {
        replies.streamAnswer("run-1", CHAT, "\u00e9".repeat(3 * StreamText.MAX_CHARS));

        StreamClose close = closed();
        assertThat(close.answer()).isTrue();
        assertThat(close.finalText()).hasSize(StreamText.MAX_CHARS + StreamText.TRUNCATED.length());
        assertThat(close.finalText()).endsWith(StreamText.TRUNCATED);
        // RabbitMQ 4's default max_message_size is 16 MiB; a capped close stays far below it
        assertThat(ContractJson.mapper().writeValueAsBytes(close).length).isLessThan(2 * 1024 * 1024);
    }

    @Test
    void aNoticeIsNeverTheAgentsAnswer() {
        replies.streamClose("run-1", CHAT, "Error: <file:/etc/passwd>");

        StreamClose close = closed();
        assertThat(close.answer()).isFalse();
        assertThat(close.finalText()).isEqualTo("Error: <file:/etc/passwd>");
    }
}
