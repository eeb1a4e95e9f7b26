package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextSplitterTest {

    @Test
    void shortTextIsOneChunk() {
        assertThat(TextSplitter.split("hello")).containsExactly("hello");
    }

    @Test
    void splitsAtParagraphsThenLinesThenHard() {
        assertThat(TextSplitter.split("aaaa\n\nbbbb\n\ncc", 10)).containsExactly("aaaa\n\nbbbb", "cc");
        assertThat(TextSplitter.split("aaaa\nbbbb\ncccc", 10)).containsExactly("aaaa\nbbbb", "cccc");
        assertThat(TextSplitter.split("x".repeat(25), 10)).containsExactly("x".repeat(10), "x".repeat(10), "xxxxx");
    }

    @Test
    void everyChunkFitsTelegram() {
        String text = ("word ".repeat(300) + "\n").repeat(10) + "\n\n" + "tail";
        List<String> chunks = TextSplitter.split(text);
        assertThat(chunks)
                .hasSizeGreaterThan(1)
                .allSatisfy(c -> assertThat(c.length()).isLessThanOrEqualTo(4096));
        assertThat(String.join("", chunks).replace("\n", "")).isEqualTo(text.replace("\n", ""));
    }
}
