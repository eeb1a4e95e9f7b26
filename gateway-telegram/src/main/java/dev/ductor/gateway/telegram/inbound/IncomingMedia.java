package dev.ductor.gateway.telegram.inbound;

import com.pengrad.telegrambot.model.Message;
import org.jspecify.annotations.Nullable;

/**
 * What a media message carries (behaviour §3.15): the file to fetch, its size as Telegram announces it (null
 * when it does not), and how to store and describe it. Every stored name carries Telegram's unique file
 * id, so no name a user chooses can become {@code CLAUDE.md}, {@code AGENTS.md} or {@code GEMINI.md}.
 */
record IncomingMedia(
        String fileId,
        String fileName,
        String mime,
        String kind,
        @Nullable Long size) {

    /** The media of {@code message}, null for a message without any. */
    static @Nullable IncomingMedia of(Message message) {
        if (message.photo() != null && message.photo().length > 0) {
            var largest = message.photo()[message.photo().length - 1];
            return new IncomingMedia(
                    largest.fileId(),
                    "photo_" + largest.fileUniqueId() + ".jpg",
                    "image/jpeg",
                    "photo",
                    largest.fileSize());
        }
        if (message.document() != null) {
            var d = message.document();
            String name = d.fileName() == null
                    ? "doc_" + d.fileUniqueId()
                    : sanitise(d.fileUniqueId() + "_" + sanitise(d.fileName()));
            return new IncomingMedia(
                    d.fileId(), name, d.mimeType() == null ? guess(name) : d.mimeType(), "document", d.fileSize());
        }
        if (message.voice() != null) {
            var v = message.voice();
            return new IncomingMedia(
                    v.fileId(), "voice_" + v.fileUniqueId() + ".ogg", "audio/ogg", "voice", v.fileSize());
        }
        if (message.audio() != null) {
            var a = message.audio();
            String name = a.fileName() == null
                    ? "audio_" + a.fileUniqueId() + ".mp3"
                    : sanitise(a.fileUniqueId() + "_" + sanitise(a.fileName()));
            return new IncomingMedia(
                    a.fileId(), name, a.mimeType() == null ? guess(name) : a.mimeType(), "audio", a.fileSize());
        }
        if (message.video() != null) {
            var v = message.video();
            String name = v.fileName() == null
                    ? "video_" + v.fileUniqueId() + ".mp4"
                    : sanitise(v.fileUniqueId() + "_" + sanitise(v.fileName()));
            return new IncomingMedia(
                    v.fileId(), name, v.mimeType() == null ? "video/mp4" : v.mimeType(), "video", v.fileSize());
        }
        if (message.videoNote() != null) {
            var v = message.videoNote();
            return new IncomingMedia(
                    v.fileId(), "videonote_" + v.fileUniqueId() + ".mp4", "video/mp4", "video_note", v.fileSize());
        }
        if (message.sticker() != null) {
            var s = message.sticker();
            String ext =
                    Boolean.TRUE.equals(s.isAnimated()) ? ".tgs" : Boolean.TRUE.equals(s.isVideo()) ? ".webm" : ".webp";
            String mime =
                    ext.equals(".webp") ? "image/webp" : ext.equals(".webm") ? "video/webm" : "application/x-tgsticker";
            return new IncomingMedia(s.fileId(), "sticker_" + s.fileUniqueId() + ext, mime, "sticker", s.fileSize());
        }
        return null;
    }

    boolean image() {
        return mime.startsWith("image/") && !mime.contains("svg") && !kind.equals("sticker");
    }

    /** behaviour §3.15: {@code /} and {@code \} become {@code _}, NUL goes, no {@code __}, trimmed, at most 120. */
    static String sanitise(String name) {
        String s = name.replace('/', '_').replace('\\', '_').replace("\0", "");
        while (s.contains("__")) {
            s = s.replace("__", "_");
        }
        s = s.replaceAll("^[_. ]+|[_. ]+$", "");
        if (s.length() > 120) {
            s = s.substring(0, 120);
        }
        return s.isEmpty() ? "file" : s;
    }

    private static String guess(String name) {
        String lower = name.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith(".png")) {
            return "image/png";
        }
        if (lower.endsWith(".jpg") || lower.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (lower.endsWith(".pdf")) {
            return "application/pdf";
        }
        if (lower.endsWith(".txt") || lower.endsWith(".md")) {
            return "text/plain";
        }
        return "application/octet-stream";
    }
}
