package dev.ductor.orchestrator.interagent;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.ChatRef;
import org.junit.jupiter.api.Test;

class InterAgentSessionNamesTest {

    @Test
    void withoutAChatTheSessionIsDuctorsLegacyName() {
        assertThat(InterAgentSessionNames.of("main", null)).isEqualTo("ia-main");
    }

    @Test
    void aChatAndTopicGetAScopedNameWithTheHashOfSenderChatAndTopic() {
        // sha256("main\0123456789\00"), sha256("very_long_agent_name\0-100777\042"): their first 8 hex
        assertThat(InterAgentSessionNames.of("main", new ChatRef("tg", "main", 123456789, null)))
                .isEqualTo("ia.main.t0.x12f25537");
        assertThat(InterAgentSessionNames.of("very_long_agent_name", new ChatRef("tg", "x", -100777, 42L)))
                .isEqualTo("ia.very-long-ag.t42.xc9228d1c");
    }
}
