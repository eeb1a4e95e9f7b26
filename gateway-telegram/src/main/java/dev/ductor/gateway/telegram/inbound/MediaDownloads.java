package dev.ductor.gateway.telegram.inbound;

import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.gateway.telegram.api.TelegramUnavailableException;
import java.io.UncheckedIOException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Fetches a file the user sent, stores it and answers the prompt for the agent (spec §3.15). */
final class MediaDownloads {

    private static final Logger log = LoggerFactory.getLogger(MediaDownloads.class);
    private static final int ATTEMPTS = 3;

    static final String FAILED = "Could not download that file.";

    private final TelegramPort telegram;
    private final MediaStore store;

    MediaDownloads(TelegramPort telegram, MediaStore store) {
        this.telegram = telegram;
        this.store = store;
    }

    /** The media prompt, or null when the file could not be fetched or stored. */
    @Nullable
    String prompt(IncomingMedia media, @Nullable String caption) {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                byte[] content = telegram.downloadFile(media.fileId());
                MediaStore.Stored stored = store.store(media, content);
                log.info("Stored incoming {} as {}", media.kind(), stored.path());
                return store.prompt(media, stored, caption);
            } catch (TelegramUnavailableException | UncheckedIOException e) {
                log.warn("Could not download {} (attempt {}): {}", media.fileId(), attempt, e.getMessage());
            }
        }
        return null;
    }
}
