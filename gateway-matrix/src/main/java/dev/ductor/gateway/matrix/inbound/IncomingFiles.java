package dev.ductor.gateway.matrix.inbound;

import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.state.AtomicFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.jspecify.annotations.Nullable;

/**
 * Files users send (behaviour §9.8, as §3.15 on Telegram): downloaded from the media repository with a byte
 * cap into {@code workspace/matrix_files/YYYY-MM-DD/}, named after the media id first (so no sender can
 * place a {@code CLAUDE.md} or {@code AGENTS.md}), and described to the agent in the same prompt as on
 * Telegram with the transport named "Matrix".
 */
final class IncomingFiles {

    private final MatrixPort port;
    private final Path workspace;
    private final long maxBytes;
    private final Clock clock;

    IncomingFiles(MatrixPort port, Path workspace, long maxBytes, Clock clock) {
        this.port = port;
        this.workspace = workspace;
        this.maxBytes = maxBytes;
        this.clock = clock;
    }

    /** Stores the file of an {@code m.image}/{@code m.file}/… event; returns the prompt for the agent. */
    String store(String mxc, String fileName, @Nullable String mimetype, String msgtype, @Nullable String caption) {
        byte[] bytes = port.download(mxc, maxBytes);
        String mediaId = mxc.substring(mxc.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9_-]", "");
        Path day = workspace
                .resolve("matrix_files")
                .resolve(LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).toString());
        Path target = day.resolve(mediaId + "_" + sanitise(fileName));
        if (!Files.exists(target)) {
            AtomicFiles.write(target, bytes);
        }
        String path = workspace.relativize(target).toString().replace('\\', '/');
        StringBuilder p = new StringBuilder()
                .append("[INCOMING FILE]\n")
                .append("The user sent you a file via Matrix.\n")
                .append("Path: ")
                .append(path)
                .append('\n')
                .append("Type: ")
                .append(mimetype == null ? "application/octet-stream" : mimetype)
                .append('\n')
                .append("Original filename: ")
                .append(target.getFileName())
                .append("\n\n");
        switch (msgtype) {
            case "m.audio" ->
                p.append("This is an audio/voice message. Use tools/media_tools/transcribe_audio.py --file ")
                        .append(path)
                        .append(" to transcribe it, then respond to the content.\n");
            case "m.video" ->
                p.append("This is a video. Use tools/media_tools/process_video.py --file ")
                        .append(path)
                        .append(" to extract keyframes and transcribe audio, then respond to the content.\n");
            default -> {}
        }
        p.append("Check tools/media_tools/RULES.md for file handling instructions.");
        if (caption != null && !caption.isBlank()) {
            p.append("\n\nUser message: ").append(caption);
        }
        return p.toString();
    }

    private static String sanitise(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.replaceAll("^\\.+", "_");
        return base.isEmpty() ? "file" : base.substring(0, Math.min(base.length(), 120));
    }
}
