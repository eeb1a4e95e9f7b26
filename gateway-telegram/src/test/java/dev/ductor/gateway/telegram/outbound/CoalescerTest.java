package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CoalescerTest {

    private final Coalescer coalescer = StreamSettings.defaults(2).coalescer();

    @Test
    void belowMinCharsNothingIsReleased() {
        assertThat(coalescer.next("Hello.\n\nWorld", 0)).isEqualTo(new Coalescer.Flush(0, false));
    }

    @Test
    void releasesUpToTheLastParagraphBreak() {
        String text = "a".repeat(150) + "\n\n" + "b".repeat(60) + "\n\n" + "c".repeat(10);
        assertThat(coalescer.next(text, 0).upTo()).isEqualTo(text.lastIndexOf("\n\n") + 2);
    }

    @Test
    void elseUpToTheLastSentenceEnd() {
        String text = "a".repeat(100) + ". " + "b".repeat(100) + "! cc";
        assertThat(coalescer.next(text, 0).upTo()).isEqualTo(text.length() - 2);
    }

    @Test
    void withoutABoundaryTheIdleTimerDecides() {
        assertThat(coalescer.next("x".repeat(300), 0)).isEqualTo(new Coalescer.Flush(0, true));
    }

    @Test
    void overMaxCharsEverythingGoes() {
        assertThat(coalescer.next("x".repeat(4100), 50).upTo()).isEqualTo(4100);
    }
}
