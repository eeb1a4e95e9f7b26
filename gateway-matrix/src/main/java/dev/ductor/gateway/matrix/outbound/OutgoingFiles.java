package dev.ductor.gateway.matrix.outbound;

import dev.ductor.workspace.SendableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files the agent sends ({@code SendFile}, an answer's {@code <file:…>} markers), uploaded and posted in their room
 * (behaviour §9.7); a file outside {@code file_access}, a secret or a missing one is skipped with a log line, as
 * ductor.
 */
final class OutgoingFiles {

    private static final Logger log = LoggerFactory.getLogger(OutgoingFiles.class);

    private final RoomSender sender;
    private final SendableFiles sendable;
    private final Path workspace;

    OutgoingFiles(RoomSender sender, SendableFiles sendable, Path workspace) {
        this.sender = sender;
        this.sendable = sendable;
        this.workspace = workspace;
    }

    /** Sends {@code path} (relative to the workspace or absolute) to {@code room} under {@code txnId}. */
    void send(String room, String txnId, String path, Answering answering) {
        Path file = sendable.resolve(workspace, path);
        if (file == null) {
            log.warn("Not sending {}: outside file_access={} or a secret", path, sendable.access());
            return;
        }
        if (!Files.isRegularFile(file)) {
            log.warn("Not sending {}: no such file", path);
            return;
        }
        sender.file(room, txnId, file, answering);
    }
}
