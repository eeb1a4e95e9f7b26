package dev.ductor.workspace;

import org.jspecify.annotations.Nullable;

/**
 * The prompt that tells the agent about a file a user sent (behaviour §3.15, §9.8), the same on every
 * transport but for its name: where it was stored (relative to the workspace), its type and name, the
 * media tool to use for audio and video, and the user's caption.
 */
public final class IncomingFilePrompt {

    /** What kind of file it is, for the tool hint. */
    public enum Kind {
        AUDIO,
        VIDEO,
        OTHER
    }

    private IncomingFilePrompt() {}

    public static String text(
            String transport, String path, String mime, String fileName, Kind kind, @Nullable String caption) {
        StringBuilder p = new StringBuilder()
                .append("[INCOMING FILE]\n")
                .append("The user sent you a file via ")
                .append(transport)
                .append(".\n")
                .append("Path: ")
                .append(path)
                .append('\n')
                .append("Type: ")
                .append(mime)
                .append('\n')
                .append("Original filename: ")
                .append(fileName)
                .append("\n\n");
        switch (kind) {
            case AUDIO ->
                p.append("This is an audio/voice message. Use tools/media_tools/transcribe_audio.py --file ")
                        .append(path)
                        .append(" to transcribe it, then respond to the content.\n");
            case VIDEO ->
                p.append("This is a video. Use tools/media_tools/process_video.py --file ")
                        .append(path)
                        .append(" to extract keyframes and transcribe audio, then respond to the content.\n");
            case OTHER -> {}
        }
        p.append("Check tools/media_tools/RULES.md for file handling instructions.");
        if (caption != null && !caption.isBlank()) {
            p.append("\n\nUser message: ").append(caption);
        }
        return p.toString();
    }
}
