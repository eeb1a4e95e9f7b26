package dev.ductor.orchestrator.turn;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

class ModelDirectiveTest {

    private static final Set<String> KNOWN = Set.of("opus", "sonnet", "flash");

    @Test
    void aLeadingKnownModelIsTheOverrideAndLeavesTheText() {
        var directive = ModelDirective.parse("@Opus explain X", KNOWN::contains);
        assertThat(directive.model()).isEqualTo("opus");
        assertThat(directive.text()).isEqualTo("explain X");
    }

    @Test
    void unknownOrNotLeadingDirectivesStayInTheText() {
        assertThat(ModelDirective.parse("@bob look at this", KNOWN::contains).model())
                .isNull();
        assertThat(ModelDirective.parse("email @opus now", KNOWN::contains).model())
                .isNull();
        assertThat(ModelDirective.parse("@opus", KNOWN::contains).model()).isNull();
    }
}
