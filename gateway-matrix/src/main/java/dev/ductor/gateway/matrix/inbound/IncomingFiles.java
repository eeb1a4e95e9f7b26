package dev.ductor.gateway.matrix.inbound;

import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.state.AtomicFiles;
import dev.ductor.workspace.IncomingFilePrompt;
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
        IncomingFilePrompt.Kind kind = switch (msgtype) {
            case "m.audio" -> IncomingFilePrompt.Kind.AUDIO;
            case "m.video" -> IncomingFilePrompt.Kind.VIDEO;
            default -> IncomingFilePrompt.Kind.OTHER;
        };
        return IncomingFilePrompt.text(
                "Matrix",
                path,
                mimetype == null ? "application/octet-stream" : mimetype,
                target.getFileName().toString(),
                kind,
                caption);
    }

    private static String sanitise(String name) {
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("[^A-Za-z0-9._-]", "_");
        base = base.replaceAll("^\\.+", "_");
        return base.isEmpty() ? "file" : base.substring(0, Math.min(base.length(), 120));
    }
}
