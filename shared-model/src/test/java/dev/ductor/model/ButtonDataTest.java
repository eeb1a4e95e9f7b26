package dev.ductor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ButtonDataTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "mq:42",
                "ms:p:claude",
                "crn:t:0:1:abc:1",
                "nsc:end:redowl",
                "tsc:c:a1b2c3d4",
                "upg:yes",
                "ns:x",
                "sf:docs",
                "sf!docs",
                "fb:1"
            })
    void buttonsOfTheBotsOwnKeyboardsAreNoAnswers(String data) {
        assertThat(ButtonData.isAnswer(data)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Deploy", "w:1", "yes: do it", "sfx"})
    void everyOtherButtonIsAnAnswer(String data) {
        assertThat(ButtonData.isAnswer(data)).isTrue();
    }
}
