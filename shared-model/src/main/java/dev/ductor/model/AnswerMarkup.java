package dev.ductor.model;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The markers an agent writes into its answer (behaviour §3.13, §3.14): {@code [button:Label]} lines become
 * inline keyboard rows, {@code <file:path>} tags name files to send. Both are ignored inside fenced or
 * inline code and removed from the displayed text.
 */
public record AnswerMarkup(String text, List<List<Button>> buttons, List<String> files) {

    public static final int MAX_CALLBACK_BYTES = 64;

    private static final Pattern BUTTON = Pattern.compile("\\[button:([^\\]]+)\\]");
    private static final Pattern FILE = Pattern.compile("<file:([^>]+)>");

    public static AnswerMarkup parse(String raw) {
        List<List<Button>> rows = new ArrayList<>();
        List<String> files = new ArrayList<>();
        StringBuilder out = new StringBuilder();
        boolean fenced = false;
        String[] lines = raw.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.strip().startsWith("```")) {
                fenced = !fenced;
            } else if (!fenced) {
                line = outsideInlineCode(line, rows, files);
            }
            out.append(line);
            if (i < lines.length - 1) {
                out.append('\n');
            }
        }
        String text = out.toString().replaceAll("\n{3,}", "\n\n").strip();
        return new AnswerMarkup(text, List.copyOf(rows), List.copyOf(files));
    }

    /** A text that is not the agent's: shown as it is, no marker read (only blank runs tidied as in parse). */
    public static AnswerMarkup plain(String raw) {
        return new AnswerMarkup(raw.replaceAll("\n{3,}", "\n\n").strip(), List.of(), List.of());
    }

    /** Only the text to display, for the live preview while streaming. */
    public static String display(String raw) {
        if (!raw.contains("[button:") && !raw.contains("<file:")) {
            return raw;
        }
        return parse(raw).text();
    }

    /** The label cut to 64 UTF-8 bytes without breaking a character (behaviour §3.13). */
    public static String callbackData(String label) {
        byte[] bytes = label.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= MAX_CALLBACK_BYTES) {
            return label;
        }
        int end = 0;
        int bytesSoFar = 0;
        while (end < label.length()) {
            int cp = label.codePointAt(end);
            int size = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytesSoFar + size > MAX_CALLBACK_BYTES) {
                break;
            }
            bytesSoFar += size;
            end += Character.charCount(cp);
        }
        return label.substring(0, end);
    }

    private static String outsideInlineCode(String line, List<List<Button>> rows, List<String> files) {
        StringBuilder result = new StringBuilder();
        List<Button> row = new ArrayList<>();
        String[] parts = line.split("`", -1);
        for (int p = 0; p < parts.length; p++) {
            String part = parts[p];
            boolean code = p % 2 == 1 && p < parts.length - 1;
            if (!code) {
                part = extract(part, row, files);
            }
            result.append(part);
            if (p < parts.length - 1) {
                result.append('`');
            }
        }
        if (!row.isEmpty()) {
            rows.add(List.copyOf(row));
            return result.toString().strip().isEmpty() ? "" : result.toString().stripTrailing();
        }
        return result.toString();
    }

    private static String extract(String part, List<Button> row, List<String> files) {
        Matcher button = BUTTON.matcher(part);
        StringBuilder kept = new StringBuilder();
        while (button.find()) {
            String label = button.group(1).strip();
            if (!label.isEmpty()) {
                row.add(new Button(label, callbackData(label)));
            }
            button.appendReplacement(kept, "");
        }
        button.appendTail(kept);
        Matcher file = FILE.matcher(kept.toString());
        StringBuilder rest = new StringBuilder();
        while (file.find()) {
            files.add(file.group(1).strip());
            file.appendReplacement(rest, "");
        }
        file.appendTail(rest);
        return rest.toString();
    }
}
