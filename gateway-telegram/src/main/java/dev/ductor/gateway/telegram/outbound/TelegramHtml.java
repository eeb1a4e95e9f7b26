package dev.ductor.gateway.telegram.outbound;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Markdown → Telegram HTML (behaviour §3.12): fenced and inline code, tables as aligned {@code <pre>},
 * headings as bold, bold, italic, strike, links, block quotes, rules and bullets; everything else
 * HTML-escaped exactly once. Anything it cannot express safely stays literal text; when Telegram still
 * refuses the result, the renderer resends the chunk as plain text.
 */
final class TelegramHtml {

    private static final Pattern FENCE = Pattern.compile("```([\\w+#.-]*)[ \\t]*\\n(.*?)(?:```|\\z)", Pattern.DOTALL);
    private static final Pattern INLINE_CODE = Pattern.compile("`([^`\\n]+)`");
    private static final Pattern BOLD = Pattern.compile("\\*\\*(?!\\s)([^<\\n]+?)(?<!\\s)\\*\\*");
    private static final Pattern BOLD_UNDERSCORE = Pattern.compile("(?<![\\w])__(?!\\s)([^<\\n]+?)(?<!\\s)__(?![\\w])");
    /*
     * Italic runs after bold, so its text may hold whole <b>…</b> elements (behaviour §2.12's
     * "_**Model switched.** Current process still running …_"); any other tag ends the match, so the
     * result stays balanced.
     */
    private static final Pattern ITALIC_STAR =
            Pattern.compile("(?<![*\\w])\\*(?![\\s*])((?:[^*<\\n]|<b>[^<*\\n]*</b>)+?)(?<![\\s*])\\*(?![*\\w])");
    private static final Pattern ITALIC_UNDERSCORE =
            Pattern.compile("(?<![\\w_])_(?![\\s_])((?:[^_<\\n]|<b>[^<_\\n]*</b>)+?)(?<![\\s_])_(?![\\w_])");
    private static final Pattern STRIKE = Pattern.compile("~~(?!\\s)([^~<\\n]+?)(?<!\\s)~~");
    private static final Pattern LINK = Pattern.compile("\\[([^\\]\\n]+)\\]\\((https?://[^)\\s\"]+)\\)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.*)$");
    private static final Pattern QUOTE = Pattern.compile("^\\s*&gt;\\s?(.*)$");
    private static final Pattern RULE = Pattern.compile("^\\s*(?:-{3,}|\\*{3,}|_{3,})\\s*$");
    private static final Pattern BULLET = Pattern.compile("^(\\s*)[-*+]\\s+(.*)$");
    private static final Pattern TABLE_ROW = Pattern.compile("^\\s*\\|.*\\|\\s*$");
    private static final Pattern TABLE_SEPARATOR = Pattern.compile("^\\s*:?-{2,}:?\\s*$");
    private static final char MARK = '\u0000';

    private TelegramHtml() {}

    static String render(String markdown) {
        List<String> blocks = new ArrayList<>();
        String text = extractFences(markdown.replace(String.valueOf(MARK), ""), blocks);
        List<String> lines = List.of(text.split("\n", -1));
        StringBuilder out = new StringBuilder();
        List<String> quote = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String raw = lines.get(i);
            if (TABLE_ROW.matcher(raw).matches()
                    && i + 1 < lines.size()
                    && TABLE_ROW.matcher(lines.get(i + 1)).matches()) {
                int end = i;
                while (end < lines.size() && TABLE_ROW.matcher(lines.get(end)).matches()) {
                    end++;
                }
                flushQuote(out, quote);
                appendLine(out, placeholder(blocks, "<pre>" + escape(table(lines.subList(i, end))) + "</pre>"));
                i = end - 1;
                continue;
            }
            String line = escape(raw); // placeholders are NUL-delimited digits, untouched by escaping
            Matcher quoted = QUOTE.matcher(line);
            if (quoted.matches()) {
                quote.add(inline(quoted.group(1), blocks));
                continue;
            }
            flushQuote(out, quote);
            appendLine(out, block(line, blocks));
        }
        flushQuote(out, quote);
        return restore(out.toString(), blocks);
    }

    private static String block(String line, List<String> blocks) {
        Matcher heading = HEADING.matcher(line);
        if (heading.matches()) {
            return "<b>" + inline(heading.group(1), blocks) + "</b>";
        }
        if (RULE.matcher(line).matches()) {
            return "———";
        }
        Matcher bullet = BULLET.matcher(line);
        if (bullet.matches()) {
            return bullet.group(1) + "• " + inline(bullet.group(2), blocks);
        }
        return inline(line, blocks);
    }

    /** Inline markup of an already escaped line; inline code was taken out before escaping. */
    private static String inline(String escaped, List<String> blocks) {
        String s = BOLD.matcher(escaped).replaceAll("<b>$1</b>");
        s = BOLD_UNDERSCORE.matcher(s).replaceAll("<b>$1</b>");
        s = ITALIC_STAR.matcher(s).replaceAll("<i>$1</i>");
        s = ITALIC_UNDERSCORE.matcher(s).replaceAll("<i>$1</i>");
        s = STRIKE.matcher(s).replaceAll("<s>$1</s>");
        s = LINK.matcher(s)
                .replaceAll(m -> Matcher.quoteReplacement("<a href=\"" + m.group(2) + "\">" + m.group(1) + "</a>"));
        return s;
    }

    private static String extractFences(String markdown, List<String> blocks) {
        Matcher fence = FENCE.matcher(markdown);
        StringBuilder out = new StringBuilder();
        int last = 0;
        while (fence.find()) {
            out.append(extractInlineCode(markdown.substring(last, fence.start()), blocks));
            String code = escape(stripTrailingNewline(fence.group(2)));
            String lang = fence.group(1);
            out.append(placeholder(
                    blocks,
                    lang.isEmpty()
                            ? "<pre>" + code + "</pre>"
                            : "<pre><code class=\"language-" + escape(lang) + "\">" + code + "</code></pre>"));
            last = fence.end();
        }
        out.append(extractInlineCode(markdown.substring(last), blocks));
        return out.toString();
    }

    private static String extractInlineCode(String text, List<String> blocks) {
        return INLINE_CODE
                .matcher(text)
                .replaceAll(
                        m -> Matcher.quoteReplacement(placeholder(blocks, "<code>" + escape(m.group(1)) + "</code>")));
    }

    private static String table(List<String> rows) {
        List<List<String>> cells = new ArrayList<>();
        for (String row : rows) {
            String trimmed = row.strip();
            List<String> line = new ArrayList<>();
            for (String cell : trimmed.substring(1, trimmed.length() - 1).split("\\|", -1)) {
                line.add(cell.strip());
            }
            if (line.stream().allMatch(c -> TABLE_SEPARATOR.matcher(c).matches())) {
                continue;
            }
            cells.add(line);
        }
        int columns = cells.stream().mapToInt(List::size).max().orElse(0);
        int[] widths = new int[columns];
        for (List<String> line : cells) {
            for (int c = 0; c < line.size(); c++) {
                widths[c] = Math.max(widths[c], line.get(c).length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int r = 0; r < cells.size(); r++) {
            List<String> line = cells.get(r);
            StringBuilder row = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                String cell = c < line.size() ? line.get(c) : "";
                row.append(c == 0 ? "" : " | ").append(cell).append(" ".repeat(widths[c] - cell.length()));
            }
            out.append(row.toString().stripTrailing()).append('\n');
            if (r == 0 && cells.size() > 1) {
                out.append("─".repeat(row.length())).append('\n');
            }
        }
        return stripTrailingNewline(out.toString());
    }

    private static void flushQuote(StringBuilder out, List<String> quote) {
        if (!quote.isEmpty()) {
            appendLine(out, "<blockquote>" + String.join("\n", quote) + "</blockquote>");
            quote.clear();
        }
    }

    private static void appendLine(StringBuilder out, String line) {
        if (!out.isEmpty()) {
            out.append('\n');
        }
        out.append(line);
    }

    private static String placeholder(List<String> blocks, String html) {
        blocks.add(html);
        return MARK + String.valueOf(blocks.size() - 1) + MARK;
    }

    private static String restore(String text, List<String> blocks) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            int end = c == MARK ? text.indexOf(MARK, i + 1) : -1;
            if (end > i) {
                out.append(blocks.get(Integer.parseInt(text.substring(i + 1, end))));
                i = end + 1;
            } else {
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    static String escape(String text) {
        return text.replace("&", "&amp;")
                .replace("<", "&lt;")
                .replace(">", "&gt;")
                .replace("\"", "&quot;");
    }

    private static String stripTrailingNewline(String text) {
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }
}
