package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TelegramHtmlTest {

    @Test
    void inlineMarkup() {
        assertThat(TelegramHtml.render("**bold** and *it* and _it_ and ~~gone~~ a<b & c"))
                .isEqualTo("<b>bold</b> and <i>it</i> and <i>it</i> and <s>gone</s> a&lt;b &amp; c");
        assertThat(TelegramHtml.render("see [docs](https://x.dev/a?b=1&c=2) and snake_case_name"))
                .isEqualTo("see <a href=\"https://x.dev/a?b=1&amp;c=2\">docs</a> and snake_case_name");
        assertThat(TelegramHtml.render("use `a <b> **c**` here")).isEqualTo("use <code>a &lt;b&gt; **c**</code> here");
    }

    @Test
    void italicMayHoldBold() {
        assertThat(TelegramHtml.render(
                        "_**Model switched.** Current process still running — new model applies to the next message._"))
                .isEqualTo("<i><b>Model switched.</b> Current process still running — new model applies to the next"
                        + " message.</i>");
        assertThat(TelegramHtml.render("*see **this** now* and **_both_**"))
                .isEqualTo("<i>see <b>this</b> now</i> and <b><i>both</i></b>");
        assertThat(TelegramHtml.render("**a _b** c_")).isEqualTo("<b>a _b</b> c_");
    }

    @Test
    void blocks() {
        assertThat(TelegramHtml.render("# Title\n- one\n- two\n---\n> quoted\n> more\nafter"))
                .isEqualTo("<b>Title</b>\n• one\n• two\n———\n<blockquote>quoted\nmore</blockquote>\nafter");
        assertThat(TelegramHtml.render("```java\nif (a < b) {}\n```\ndone"))
                .isEqualTo("<pre><code class=\"language-java\">if (a &lt; b) {}</code></pre>\ndone");
        assertThat(TelegramHtml.render("```\nplain\n```")).isEqualTo("<pre>plain</pre>");
        assertThat(TelegramHtml.render("```py\nunclosed <x>"))
                .isEqualTo("<pre><code class=\"language-py\">unclosed &lt;x&gt;</code></pre>");
    }

    @Test
    void tablesBecomeAlignedPre() {
        assertThat(TelegramHtml.render("| a | bb |\n|---|---|\n| ccc | d |"))
                .isEqualTo("<pre>a   | bb\n────────\nccc | d</pre>");
    }

    @Test
    void unbalancedMarkersStayLiteral() {
        assertThat(TelegramHtml.render("2 * 3 * 4 and **open")).isEqualTo("2 * 3 * 4 and **open");
    }
}
