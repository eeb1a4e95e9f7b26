package dev.ductor.gateway.telegram.inbound;

import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.utility.BotUtils;
import dev.ductor.state.AtomicFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Updates taken over from Telegram before their work is done ({@code updates/<update id>.json}, written
 * atomically): once an update is here the getUpdates offset may move past it, so one slow download does not
 * keep Telegram from handing out newer updates, and a restart carries the work on from here. Only an allowed
 * sender's updates are ever written (the trust boundary: nothing of a stranger touches the disk); a file is
 * removed when the broker confirmed the update's publish.
 */
final class UpdateSpool {

    private static final Logger log = LoggerFactory.getLogger(UpdateSpool.class);
    private static final Pattern NAME = Pattern.compile("(\\d+)\\.json");

    private final Path dir;

    UpdateSpool(Path dir) {
        this.dir = dir;
    }

    /** Writes {@code update}; false (with a warning) when the disk refuses it: it then stays Telegram's. */
    boolean keep(Update update) {
        try {
            AtomicFiles.write(file(update.updateId()), BotUtils.toJson(update).getBytes(StandardCharsets.UTF_8));
            return true;
        } catch (UncheckedIOException e) {
            log.warn("Cannot take over update {} ({}); the offset waits for it", update.updateId(), e.toString());
            return false;
        }
    }

    void remove(int updateId) {
        try {
            Files.deleteIfExists(file(updateId));
        } catch (IOException e) {
            log.warn("Cannot remove taken update {} ({}); a restart publishes it again", updateId, e.toString());
        }
    }

    /** The updates taken over and not finished before the last stop, oldest first; unreadable ones reported. */
    List<Update> load() {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        List<Update> updates = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.toList()) {
                Matcher name = NAME.matcher(file.getFileName().toString());
                if (!name.matches()) {
                    continue;
                }
                try {
                    Update update = BotUtils.parseUpdate(Files.readString(file, StandardCharsets.UTF_8));
                    if (update == null || update.updateId() == null) {
                        throw new IllegalArgumentException("no update_id");
                    }
                    updates.add(update);
                } catch (IOException | RuntimeException e) {
                    // left where it is for the operator (written atomically, it can only be damaged from outside)
                    log.error(
                            "Taken update {} cannot be read ({}); it is left in place and skipped", file, e.toString());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the taken updates in " + dir, e);
        }
        updates.sort(Comparator.comparing(Update::updateId));
        return updates;
    }

    private Path file(int updateId) {
        return dir.resolve(updateId + ".json");
    }
}
