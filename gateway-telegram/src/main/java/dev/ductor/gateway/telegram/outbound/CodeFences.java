package dev.ductor.gateway.telegram.outbound;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** A code block split between two messages is closed at the end of one and reopened in the next (behaviour §3.12). */
final class CodeFences {

    private CodeFences() {}

    static List<String> balance(List<String> chunks) {
        List<String> out = new ArrayList<>(chunks.size());
        @Nullable String open = null;
        for (int i = 0; i < chunks.size(); i++) {
            String chunk = chunks.get(i);
            String reopened = open == null ? chunk : open + "\n" + chunk;
            for (String line : chunk.split("\n", -1)) {
                if (line.strip().startsWith("```")) {
                    open = open == null ? line.strip() : null;
                }
            }
            out.add(open == null || i == chunks.size() - 1 ? reopened : reopened + "\n```");
        }
        return out;
    }
}
