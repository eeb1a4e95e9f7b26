package dev.ductor.gateway.telegram.outbound;

import java.util.ArrayList;
import java.util.List;

/**
 * Telegram's 4096-character limit (behaviour §3.12): paragraphs ({@code \n\n}) are packed into chunks; a
 * paragraph too long on its own is split by lines, a line too long is cut hard.
 */
final class TextSplitter {

    static final int LIMIT = 4096;

    private TextSplitter() {}

    static List<String> split(String text) {
        return split(text, LIMIT);
    }

    static List<String> split(String text, int limit) {
        if (text.length() <= limit) {
            return List.of(text);
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String paragraph : text.split("\n\n", -1)) {
            if (paragraph.length() > limit) {
                flush(chunks, current);
                splitLines(paragraph, limit, chunks);
                continue;
            }
            int needed = current.isEmpty() ? paragraph.length() : current.length() + 2 + paragraph.length();
            if (needed > limit) {
                flush(chunks, current);
            }
            if (!current.isEmpty()) {
                current.append("\n\n");
            }
            current.append(paragraph);
        }
        flush(chunks, current);
        return chunks;
    }

    private static void splitLines(String paragraph, int limit, List<String> chunks) {
        StringBuilder current = new StringBuilder();
        for (String line : paragraph.split("\n", -1)) {
            if (line.length() > limit) {
                flush(chunks, current);
                for (int at = 0; at < line.length(); at += limit) {
                    chunks.add(line.substring(at, Math.min(line.length(), at + limit)));
                }
                continue;
            }
            int needed = current.isEmpty() ? line.length() : current.length() + 1 + line.length();
            if (needed > limit) {
                flush(chunks, current);
            }
            if (!current.isEmpty()) {
                current.append('\n');
            }
            current.append(line);
        }
        flush(chunks, current);
    }

    private static void flush(List<String> chunks, StringBuilder current) {
        if (!current.toString().isBlank()) {
            chunks.add(current.toString());
        }
        current.setLength(0);
    }
}
