package dev.ductor.state;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a state file that parsed needed mending at load (an entry without a field, a {@code null} where a
 * value belongs): each repair is noted; if there was any, the file as found is kept beside it as
 * {@code <name>.before-repair-<millis>}, every repair is logged, and the mended value is saved, so a
 * half-written or hand-edited file never stops the service or fails a message later.
 */
public final class StateRepairs {

    private static final Logger log = LoggerFactory.getLogger(StateRepairs.class);

    private final List<String> notes = new ArrayList<>();

    public void note(String repair) {
        notes.add(repair);
    }

    public List<String> notes() {
        return List.copyOf(notes);
    }

    /** Keeps the original, logs the repairs and saves {@code repaired}; does nothing when nothing was mended. */
    public <T> void settle(JsonStateFile<T> file, T repaired) {
        if (notes.isEmpty()) {
            return;
        }
        Path original = file.path();
        Path kept = original.resolveSibling(original.getFileName() + ".before-repair-" + System.currentTimeMillis());
        try {
            Files.copy(original, kept);
        } catch (IOException e) {
            log.warn("Could not keep a copy of {} before repairing it: {}", original, e.toString());
        }
        for (String note : notes) {
            log.warn("State file {}: {}", original, note);
        }
        log.warn(
                "State file {} repaired ({} repair(s)); the file as found is kept as {}", original, notes.size(), kept);
        try {
            file.save(repaired);
        } catch (RuntimeException e) {
            // The repaired state is used from memory; the next regular save writes it.
            log.warn("Could not save the repaired {}: {}", original, e.toString());
        }
    }
}
