package dev.ductor.orchestrator.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AbortWordsTest {

    @ParameterizedTest
    @ValueSource(
            strings = {"stop", "Stopp", "abbrechen", "/stop", "/stop@bot", "/STOP@ductor_bot", "  STOP  ", "aufhören"})
    void abortTriggers(String text) {
        assertThat(AbortWords.isAbort(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop the server please", "please stop", "stopping", "/stopx", "hi", "", "/new"})
    void notAnAbort(String text) {
        assertThat(AbortWords.isAbort(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/new", "/NEW", "/new@bot", "/new please"})
    void newCommand(String text) {
        assertThat(AbortWords.isCommand(text, "new")).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"new", "/newer", "/news@bot", "hi /new"})
    void notTheNewCommand(String text) {
        assertThat(AbortWords.isCommand(text, "new")).isFalse();
    }
}
