package dev.ductor.orchestrator.named;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

class SessionNamesTest {

    @Test
    void aNameIsOneOfDuctorsAdjectivesAndNounsAndUniqueInTheChat() {
        var names = new SessionNames();
        Set<String> taken = new HashSet<>();
        for (int i = 0; i < 10; i++) {
            String name = names.generate(taken);
            assertThat(name)
                    .matches("(" + String.join("|", SessionNames.ADJECTIVES) + ")("
                            + String.join("|", SessionNames.NOUNS) + ")");
            assertThat(taken.add(name)).as("%s is new", name).isTrue();
        }
    }

    @Test
    void whenEveryDrawIsTakenADigitSuffixFrom2Follows() {
        RandomGenerator first = () -> 0L; // always "bold" + "ant"
        var names = new SessionNames(first);
        assertThat(names.generate(Set.of())).isEqualTo("boldant");
        assertThat(names.generate(Set.of("boldant"))).isEqualTo("boldant2");
        assertThat(names.generate(Set.of("boldant", "boldant2"))).isEqualTo("boldant3");
    }
}
