package dev.ductor.gateway.telegram.inbound;

import dev.ductor.gateway.telegram.api.FileRefusedException;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.gateway.telegram.api.TelegramUnavailableException;
import dev.ductor.media.ImageTooLargeException;
import dev.ductor.media.MediaStore;
import dev.ductor.workspace.IncomingFilePrompt;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fetches a file the user sent, stores it and answers the prompt for the agent (behaviour §3.15), within
 * bounds: a file Telegram says is larger than {@code maxBytes} is not fetched, a download is streamed to
 * disk and cut off past it, an image whose header names more than {@code maxPixels} is never decoded.
 */
final class MediaDownloads {

    private static final Logger log = LoggerFactory.getLogger(MediaDownloads.class);
    private static final int ATTEMPTS = 3;

    static final String FAILED = "Could not download that file.";

    private final TelegramPort telegram;
    private final MediaStore store;
    private final long maxBytes;

    MediaDownloads(TelegramPort telegram, MediaStore store, long maxBytes) {
        this.telegram = telegram;
        this.store = store;
        this.maxBytes = maxBytes;
    }

    /** The media prompt, or null when the file could not (or must not) be fetched or stored. */
    @Nullable
    String prompt(IncomingMedia media, @Nullable String caption) {
        if (media.size() != null && media.size() > maxBytes) {
            log.warn("Not downloading {}: {} bytes, more than {}", media.fileId(), media.size(), maxBytes);
            return null;
        }
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            Path target = store.target(media.fileName());
            try {
                telegram.downloadFile(media.fileId(), target, maxBytes);
                MediaStore.Stored stored = store.store(target, media.mime(), media.image());
                log.info("Stored incoming {} as {}", media.kind(), stored.path());
                return store.prompt("Telegram", stored, kind(media), caption);
            } catch (FileRefusedException
                    | ImageTooLargeException
                            e) { // too large, or an id Telegram will not serve: asking again gets the same
                log.warn("Refused {}: {}", media.fileId(), e.getMessage());
                store.release(target);
                deleteQuietly(target);
                return null;
            } catch (TelegramUnavailableException | UncheckedIOException e) {
                log.warn("Could not download {} (attempt {}): {}", media.fileId(), attempt, e.getMessage());
                store.release(target);
                deleteQuietly(target);
            }
        }
        return null;
    }

    private static IncomingFilePrompt.Kind kind(IncomingMedia media) {
        return switch (media.kind()) {
            case "voice", "audio" -> IncomingFilePrompt.Kind.AUDIO;
            case "video", "video_note" -> IncomingFilePrompt.Kind.VIDEO;
            default -> IncomingFilePrompt.Kind.OTHER;
        };
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            log.warn("Could not remove {}: {}", file, e.toString());
        }
    }
}
