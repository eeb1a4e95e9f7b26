package dev.ductor.gateway.matrix.outbound;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The agent's Markdown as Matrix HTML for {@code formatted_body} ({@code org.matrix.custom.html}, behaviour
 * §9.7): fenced code blocks, inline code, bold, italics, strike-through, headings (bold), links with an
 * http(s) or mailto target; everything else is escaped text, line breaks become {@code <br>}. Nothing the
 * text contains can become a tag of its own.
 */
final class MatrixHtml {

    private static final Pattern FENCE =
            Pattern.compile("(?m)^```([\\w+-]*)[ \\t]*\\n(.*?)(?:\\n```[ \\t]*$|\\z)", Pattern.DOTALL);
    private static final Pattern INLINE = Pattern.compile(
            "`([^`\\n]+)`|\\*\\*(.+?)\\*\\*|__(.+?)__|~~(.+?)~~|(?<![\\w*])\\*(?!\\s)([^*\\n]+?)\\*(?![\\w*])"
                    + "|(?<!\\w)_(?!\\s)([^_\\n]+?)_(?!\\w)|\\[([^\\]\\n]+)]\\(((?:https?://|mailto:)[^)\\s]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");

    private MatrixHtml() {}

    static String render(String markdown) {
        StringBuilder html = new StringBuilder();
        Matcher fence = FENCE.matcher(markdown);
        int at = 0;
        while (fence.find()) {
            html.append(lines(markdown.substring(at, fence.start())));
            String language = fence.group(1);
            html.append(language.isEmpty() ? "<pre><code>" : "<pre><code class=\"language-" + language + "\">")
                    .append(escape(fence.group(2)))
                    .append("</code></pre>");
            at = fence.end();
            if (at < markdown.length() && markdown.charAt(at) == '\n') {
                at++;
            }
        }
        html.append(lines(markdown.substring(at)));
        return html.toString();
    }

    private static String lines(String text) {
        if (text.isEmpty()) {
            return "";
        }
        StringBuilder out = new StringBuilder();
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            Matcher heading = HEADING.matcher(lines[i]);
            out.append(heading.matches() ? "<b>" + inline(heading.group(1)) + "</b>" : inline(lines[i]));
            if (i < lines.length - 1) {
                out.append("<br>");
            }
        }
        return out.toString();
    }

    private static String inline(String line) {
        StringBuilder out = new StringBuilder();
        Matcher m = INLINE.matcher(line);
        int at = 0;
        while (m.find()) {
            out.append(escape(line.substring(at, m.start())));
            if (m.group(1) != null) {
                out.append("<code>").append(escape(m.group(1))).append("</code>");
            } else if (m.group(2) != null || m.group(3) != null) {
                out.append("<strong>")
                        .append(inline(m.group(2) != null ? m.group(2) : m.group(3)))
                        .append("</strong>");
            } else if (m.group(4) != null) {
                out.append("<del>").append(inline(m.group(4))).append("</del>");
            } else if (m.group(5) != null || m.group(6) != null) {
                out.append("<em>")
                        .append(inline(m.group(5) != null ? m.group(5) : m.group(6)))
                        .append("</em>");
            } else {
                out.append("<a href=\"")
                        .append(escape(m.group(8)))
                        .append("\">")
                        .append(inline(m.group(7)))
                        .append("</a>");
            }
            at = m.end();
        }
        return out.append(escape(line.substring(at))).toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }
}
