package dev.ductor.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/**
 * A state file could not be written (disk full, read-only file system, no permission): the file still
 * holds its previous content. Callers that promise something only once it is on disk catch this one.
 */
public final class StateNotWritten extends UncheckedIOException {

    StateNotWritten(Path target, IOException cause) {
        super("Cannot write " + target, cause);
    }
}
