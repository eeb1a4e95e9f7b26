package dev.ductor.testkit.telegram;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Telegram's {@code parse_mode=HTML} as strictly as the real server: only its tags, balanced and properly
 * nested, only the four named entities and numeric ones; anything else is a 400 "can't parse entities".
 * Returns the plain text the user sees.
 */
final class TelegramHtml {

    private static final Set<String> TAGS = Set.of(
            "b",
            "strong",
            "i",
            "em",
            "u",
            "ins",
            "s",
            "strike",
            "del",
            "code",
            "pre",
            "a",
            "blockquote",
            "span",
            "tg-spoiler",
            "tg-emoji");
    private static final Pattern TAG = Pattern.compile(
            "<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\\s+[a-zA-Z-]+\\s*=\\s*(?:\"[^\"]*\"|'[^']*'|[^\\s>]+))*)\\s*(/?)>");
    private static final Pattern ENTITY = Pattern.compile("&(lt|gt|amp|quot|#\\d+|#x[0-9a-fA-F]+);");

    private TelegramHtml() {}

    static String toPlainText(String html) {
        StringBuilder plain = new StringBuilder();
        Deque<String> open = new ArrayDeque<>();
        int i = 0;
        while (i < html.length()) {
            char c = html.charAt(i);
            if (c == '<') {
                Matcher tag = TAG.matcher(html).region(i, html.length());
                if (!tag.lookingAt()) {
                    throw error("Unexpected start tag at byte offset " + i);
                }
                String name = tag.group(2).toLowerCase(Locale.ROOT);
                if (!TAGS.contains(name)) {
                    throw error("Unsupported start tag \"" + name + "\" at byte offset " + i);
                }
                if (tag.group(1).isEmpty()) {
                    open.push(name);
                } else {
                    if (open.isEmpty() || !open.peek().equals(name)) {
                        throw error("Unmatched end tag at byte offset " + i + ", expected \"</"
                                + (open.isEmpty() ? "" : open.peek()) + ">\", found \"</" + name + ">\"");
                    }
                    open.pop();
                }
                i = tag.end();
            } else if (c == '&') {
                Matcher entity = ENTITY.matcher(html).region(i, html.length());
                if (!entity.lookingAt()) {
                    throw error("Unsupported entity at byte offset " + i);
                }
                plain.append(decode(entity.group(1)));
                i = entity.end();
            } else if (c == '>') {
                plain.append(c); // Telegram tolerates a bare '>'
                i++;
            } else {
                plain.append(c);
                i++;
            }
        }
        if (!open.isEmpty()) {
            throw error("Can't find end tag corresponding to start tag \"" + open.peek() + "\"");
        }
        return plain.toString();
    }

    private static String decode(String name) {
        return switch (name) {
            case "lt" -> "<";
            case "gt" -> ">";
            case "amp" -> "&";
            case "quot" -> "\"";
            default ->
                Character.toString(
                        name.startsWith("#x")
                                ? Integer.parseInt(name.substring(2), 16)
                                : Integer.parseInt(name.substring(1)));
        };
    }

    private static ApiError error(String what) {
        return ApiError.badRequest("can't parse entities: " + what);
    }
}
