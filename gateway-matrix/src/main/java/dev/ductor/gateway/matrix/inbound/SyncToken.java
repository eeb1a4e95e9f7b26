package dev.ductor.gateway.matrix.inbound;

import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * ductor's {@code <store>/next_batch}: the {@code /sync} position up to which every event was handled (its
 * bus messages confirmed by the broker). Written atomically after each batch, so a restart neither loses
 * nor replays events; absent means the account never synced, and the first sync's history is skipped.
 */
final class SyncToken {

    private final Path file;

    SyncToken(Path store) {
        this.file = store.resolve("next_batch");
    }

    @Nullable
    String load() {
        try {
            if (!Files.isRegularFile(file)) {
                return null;
            }
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            return token.isEmpty() ? null : token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }

    void save(String token) {
        AtomicFiles.write(file, token.getBytes(StandardCharsets.UTF_8));
    }
}
