package dev.ductor.orchestrator.command;

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

    @ParameterizedTest
    @ValueSource(
            strings = {
                "/stop_all",
                "/stop_all@bot",
                "stop all",
                "Stop  All",
                "stopp alle",
                "alles stoppen",
                "cancel all",
                "ABORT ALL"
            })
    void abortAllTriggers(String text) {
        assertThat(AbortWords.isAbortAll(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"stop", "stop all servers", "/stop", "all"})
    void notAbortAll(String text) {
        assertThat(AbortWords.isAbortAll(text)).isFalse();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"/interrupt", "!interrupt", "/interrupt@bot", "esc", "ESC", "skip", "überspringen", "interrupt"})
    void interruptTriggers(String text) {
        assertThat(AbortWords.isInterrupt(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"skip this test", "escape", "stop", "/interrupted"})
    void notAnInterrupt(String text) {
        assertThat(AbortWords.isInterrupt(text)).isFalse();
    }
}
