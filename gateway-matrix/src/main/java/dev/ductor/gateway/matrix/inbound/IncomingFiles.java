package dev.ductor.gateway.matrix.inbound;

import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.media.ImageTooLargeException;
import dev.ductor.media.MediaStore;
import dev.ductor.state.AtomicFiles;
import dev.ductor.workspace.IncomingFilePrompt;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * Files users send (behaviour §9.8, as §3.15 on Telegram): downloaded from the media repository with a byte
 * cap and stored by shared-model's {@link MediaStore} in {@code workspace/matrix_files/YYYY-MM-DD/}, named after
 * the media id first (so no sender can place a {@code CLAUDE.md} or {@code AGENTS.md}); an image is checked
 * against the pixel budget from its header before it is decoded (a decompression bomb is refused and removed,
 * {@link ImageTooLargeException}), decoded with subsampling, shrunk and converted as on Telegram. The file is
 * described to the agent in the same prompt as on Telegram with the transport named "Matrix".
 */
final class IncomingFiles {

    private final MatrixPort port;
    private final MediaStore store;
    private final long maxBytes;

    IncomingFiles(MatrixPort port, MediaStore store, long maxBytes) {
        this.port = port;
        this.store = store;
        this.maxBytes = maxBytes;
    }

    /** Stores the file of an {@code m.image}/{@code m.file}/… event; returns the prompt for the agent. */
    String store(String mxc, String fileName, @Nullable String mimetype, String msgtype, @Nullable String caption) {
        byte[] bytes = port.download(mxc, maxBytes);
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

    private static String sanitise(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.replaceAll("^\\.+", "_");
        return base.isEmpty() ? "file" : base.substring(0, Math.min(base.length(), 120));
    }
}
