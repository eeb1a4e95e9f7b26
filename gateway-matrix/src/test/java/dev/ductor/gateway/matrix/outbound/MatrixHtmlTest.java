package dev.ductor.gateway.matrix.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.Button;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatrixHtmlTest {

    @Test
    void markdownBecomesMatrixHtmlAndEverythingElseIsEscaped() {
        assertThat(MatrixHtml.render("**bold** and *it* and `a<b>` and ~~gone~~"))
                .isEqualTo("<strong>bold</strong> and <em>it</em> and <code>a&lt;b&gt;</code> and <del>gone</del>");
        assertThat(MatrixHtml.render("# Title\nline <script>alert(1)</script>"))
                .isEqualTo("<b>Title</b><br>line &lt;script&gt;alert(1)&lt;/script&gt;");
        assertThat(MatrixHtml.render("[site](https://example.org/a?b=1&c=2) [bad](javascript:alert(1))"))
                .isEqualTo("<a href=\"https://example.org/a?b=1&amp;c=2\">site</a> [bad](javascript:alert(1))");
    }

    @Test
    void codeBlocksKeepTheirTextAndLanguage() {
        assertThat(MatrixHtml.render("before\n```java\nint a = 1 < 2;\n**not bold**\n```\nafter"))
                .isEqualTo(
                        "before<br><pre><code class=\"language-java\">int a = 1 &lt; 2;\n**not bold**</code></pre>after");
    }

    @Test
    void buttonsAreNumberedWithKeycapsThenWithDigits() {
        List<Button> options = java.util.stream.IntStream.rangeClosed(1, 11)
                .mapToObj(i -> new Button("L" + i, "d" + i))
                .toList();
        String numbered = RoomSender.numbered(options);
        assertThat(numbered.lines().toList())
                .startsWith("1\uFE0F\u20E3 L1", "2\uFE0F\u20E3 L2")
                .contains("\uD83D\uDD1F L10")
                .endsWith("11. L11");
    }

    @Test
    void aLongMessageIsSplitAtLineEndsWithinTheEventBudget() {
        String line = "x".repeat(1000);
        String text = String.join("\n", java.util.Collections.nCopies(130, line));
        List<String> parts = RoomSender.split(text);
        assertThat(parts).hasSize(5); // 29 lines of 1000 bytes body + 1000 bytes HTML fit in one event
        assertThat(String.join("\n", parts)).isEqualTo(text);
        assertThat(parts).allSatisfy(p -> assertThat(eventBytes(p)).isLessThanOrEqualTo(RoomSender.MAX_EVENT_BYTES));
    }

    @Test
    void aLineLongerThanTheBudgetIsCutBetweenCharacters() {
        String line = "ab\uD83D\uDE00 <b>&\"`".repeat(20_000); // emoji (a surrogate pair) and characters HTML escapes
        String text = "before\n" + line + "\nafter";
        List<String> parts = RoomSender.split(text);
        assertThat(parts.size()).isGreaterThan(1);
        assertThat(parts).allSatisfy(p -> {
            assertThat(eventBytes(p)).isLessThanOrEqualTo(RoomSender.MAX_EVENT_BYTES);
            assertThat(Character.isLowSurrogate(p.charAt(0)))
                    .as("starts inside a character")
                    .isFalse();
            assertThat(Character.isHighSurrogate(p.charAt(p.length() - 1)))
                    .as("ends inside a character")
                    .isFalse();
        });
        assertThat(String.join("", parts).replace("\n", "")).isEqualTo(text.replace("\n", ""));
        assertThat(parts.getFirst()).startsWith("before\nab");
        assertThat(parts.getLast()).endsWith("\nafter");
    }

    private static int eventBytes(String part) {
        return part.getBytes(java.nio.charset.StandardCharsets.UTF_8).length
                + MatrixHtml.render(part).getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    @Test
    void streamsAreCutAtParagraphBreaksOutsideCodeOnlyOnceEnoughWaits() {
        String shortText = "a\n\nb";
        assertThat(Segments.readableEnd(shortText, 0)).isZero();
        String para = "p".repeat(500);
        String text = para + "\n\n" + para + "\n\n```\ncode\n\ncode\n```\ntail";
        int end = Segments.readableEnd(text, 0);
        assertThat(text.substring(0, end)).isEqualTo(para + "\n\n" + para + "\n\n");
    }
}
