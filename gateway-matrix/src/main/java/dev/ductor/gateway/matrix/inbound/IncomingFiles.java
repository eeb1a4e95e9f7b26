package dev.ductor.gateway.matrix.inbound;

import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.media.ImageTooLargeException;
import dev.ductor.media.MediaStore;
import dev.ductor.state.AtomicFiles;
import dev.ductor.time.Backoff;
import dev.ductor.workspace.IncomingFilePrompt;
import java.nio.file.Path;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files users send (behaviour §9.8, as §3.15 on Telegram): downloaded from the media repository with a byte
 * cap and stored by shared-model's {@link MediaStore} in {@code workspace/matrix_files/YYYY-MM-DD/}, named after
 * the media id first (so no sender can place a {@code CLAUDE.md} or {@code AGENTS.md}); an image is checked
 * against the pixel budget from its header before it is decoded (a decompression bomb is refused and removed,
 * {@link ImageTooLargeException}), decoded with subsampling, shrunk and converted as on Telegram. A download
 * that fails for a passing reason is tried again with back-off. The file is
 * described to the agent in the same prompt as on Telegram with the transport named "Matrix".
 */
final class IncomingFiles {

    private static final Logger log = LoggerFactory.getLogger(IncomingFiles.class);

    /** How often a download that fails for a passing reason (network, 5xx, 429) is tried. */
    static final int DOWNLOAD_ATTEMPTS = 5;

    private final MatrixPort port;
    private final MediaStore store;
    private final long maxBytes;
    private final Duration minBackoff;
    private final Duration maxBackoff;

    IncomingFiles(MatrixPort port, MediaStore store, long maxBytes, Duration minBackoff, Duration maxBackoff) {
        this.port = port;
        this.store = store;
        this.maxBytes = maxBytes;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
    }

    /** Stores the file of an {@code m.image}/{@code m.file}/… event; returns the prompt for the agent. */
    String store(String mxc, String fileName, @Nullable String mimetype, String msgtype, @Nullable String caption) {
        byte[] bytes = download(mxc);
        String mediaId = mxc.substring(mxc.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_-]", "");
        String mime = mimetype == null || mimetype.isBlank() ? "application/octet-stream" : mimetype;
        Path target = store.target(mediaId + "_" + sanitise(fileName));
        try {
            AtomicFiles.write(target, bytes);
        } catch (RuntimeException e) {
            store.release(target);
            throw e;
        }
        boolean image = mime.startsWith("image/") && !mime.contains("svg");
        MediaStore.Stored stored = store.store(target, mime, image);
        IncomingFilePrompt.Kind kind = switch (msgtype) {
            case "m.audio" -> IncomingFilePrompt.Kind.AUDIO;
            case "m.video" -> IncomingFilePrompt.Kind.VIDEO;
            default -> IncomingFilePrompt.Kind.OTHER;
        };
        return store.prompt("Matrix", stored, kind, caption);
    }

    /** The media, a passing failure retried with back-off ({@link #DOWNLOAD_ATTEMPTS} tries in all). */
    private byte[] download(String mxc) {
        Backoff backoff = new Backoff(minBackoff, maxBackoff);
        for (int attempt = 1; ; attempt++) {
            try {
                return port.download(mxc, maxBytes);
            } catch (MatrixException e) {
                if (!e.transientFailure() || attempt >= DOWNLOAD_ATTEMPTS) {
                    throw e;
                }
                Duration wait = e.retryAfter(backoff.next());
                log.warn("Downloading {} failed ({}); retrying in {}", mxc, e.getMessage(), wait);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException stopping) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException("stopping while a download waits to be retried", stopping);
                }
            }
        }
    }

    private static String sanitise(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.replaceAll("^\\.+", "_");
        return base.isEmpty() ? "file" : base.substring(0, Math.min(base.length(), 120));
    }
}
