package dev.ductor.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AgentApiTokensTest {

    @Test
    void theMainAgentGetsTheDeploymentsTokenEachSubAgentOneOfItsOwn() {
        assertThat(AgentApiTokens.forAgent("s3cret", "main")).isEqualTo("s3cret");
        String helper = AgentApiTokens.forAgent("s3cret", "helper");
        assertThat(helper)
                .matches("[0-9a-f]{64}")
                .isEqualTo(AgentApiTokens.forAgent("s3cret", "helper"))
                .isNotEqualTo(AgentApiTokens.forAgent("s3cret", "other"))
                .isNotEqualTo(AgentApiTokens.forAgent("another-deployment", "helper"));
    }

    @Test
    void aNameThatIsNoAgentsIsRefused() {
        assertThatThrownBy(() -> AgentApiTokens.forAgent("s3cret", "../main"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not an agent name");
    }
}
