package dev.ductor.stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StreamTextTest {

    @Test
    void contiguousDeltasExtendTheText() {
        StreamText s = new StreamText();
        assertThat(s.accept(0, "Hello")).isTrue();
        assertThat(s.accept(5, ", world")).isTrue();
        assertThat(s.text()).isEqualTo("Hello, world");
    }

    @Test
    void aRedeliveredDeltaNeverDoublesText() {
        StreamText s = new StreamText();
        s.accept(0, "Hello");
        s.accept(5, ", world");
        assertThat(s.accept(0, "Hello")).isFalse();
        assertThat(s.accept(5, ", world")).isFalse();
        assertThat(s.text()).isEqualTo("Hello, world");
    }

    @Test
    void anOverlappingDeltaAddsOnlyItsNewEnd() {
        StreamText s = new StreamText();
        s.accept(0, "Hello, wo");
        assertThat(s.accept(5, ", world!")).isTrue();
        assertThat(s.text()).isEqualTo("Hello, world!");
    }

    @Test
    void aDeltaThatDisagreesWithTheTextWinsAndDropsWhatFollowedIt() {
        StreamText s = new StreamText();
        s.accept(0, "Hello, world and more");
        assertThat(s.accept(7, "there")).isTrue();
        assertThat(s.text()).isEqualTo("Hello, there");
    }

    @Test
    void aDeltaPastTheEndWaitsForTheGapToClose() {
        StreamText s = new StreamText();
        s.accept(0, "one ");
        assertThat(s.accept(8, "three")).isFalse();
        assertThat(s.gap()).isTrue();
        assertThat(s.text()).isEqualTo("one ");
        assertThat(s.accept(4, "two ")).isTrue();
        assertThat(s.gap()).isFalse();
        assertThat(s.text()).isEqualTo("one two three");
    }

    @Test
    void theTextIsCappedWithAVisibleMarkerOnce() {
        StreamText s = new StreamText();
        String big = "x".repeat(StreamText.MAX_CHARS - 3);
        s.accept(0, big);
        s.accept(big.length(), "abcdef");
        assertThat(s.truncated()).isTrue();
        assertThat(s.text())
                .hasSize(StreamText.MAX_CHARS + StreamText.TRUNCATED.length())
                .endsWith("abc" + StreamText.TRUNCATED);
        assertThat(s.accept(s.length(), "more")).isFalse();
        assertThat(s.text()).endsWith("abc" + StreamText.TRUNCATED);
    }

    @Test
    void aRestoredTextContinues() {
        StreamText s = new StreamText("Hello");
        s.accept(0, "Hello");
        s.accept(5, "!");
        assertThat(s.text()).isEqualTo("Hello!");
    }

    @Test
    void cappedBoundsAFinalText() {
        assertThat(StreamText.capped("short")).isEqualTo("short");
        String capped = StreamText.capped("y".repeat(StreamText.MAX_CHARS + 10));
        assertThat(capped).hasSize(StreamText.MAX_CHARS + StreamText.TRUNCATED.length());
        assertThat(StreamText.capped(capped)).isEqualTo(capped);
    }

    @Test
    void aNegativeOffsetIsRefused() {
        assertThatThrownBy(() -> new StreamText().accept(-1, "x")).isInstanceOf(IllegalArgumentException.class);
    }
}
