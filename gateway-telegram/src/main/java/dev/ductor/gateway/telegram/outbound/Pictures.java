package dev.ductor.gateway.telegram.outbound;

import dev.ductor.model.SendText;
import dev.ductor.state.AtomicFiles;
import dev.ductor.state.StateNotWritten;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The pictures the gateway ships for {@link SendText#image()} (behaviour §2.2: {@code welcome}), copied once
 * from the jar into the gateway's state folder, since an upload needs a file. A name it does not ship, or a
 * copy that fails, is no picture: the text goes alone.
 */
final class Pictures {

    private static final Logger log = LoggerFactory.getLogger(Pictures.class);
    private static final String PACKAGED = "/dev/ductor/gateway/telegram/pictures/";

    private final Path dir;

    Pictures(Path dir) {
        this.dir = dir;
    }

    synchronized Optional<Path> find(String name) {
        if (!name.equals(SendText.WELCOME_IMAGE)) {
            return Optional.empty();
        }
        Path target = dir.resolve(name + ".png");
        try (InputStream in = Pictures.class.getResourceAsStream(PACKAGED + name + ".png")) {
            if (in == null) {
                log.warn("The picture '{}' is not packaged; sending its text alone", name);
                return Optional.empty();
            }
            byte[] packaged = in.readAllBytes();
            if (!Files.isRegularFile(target) || Files.size(target) != packaged.length) {
                Files.createDirectories(dir);
                AtomicFiles.write(target, packaged);
            }
            return Optional.of(target);
        } catch (IOException | StateNotWritten e) {
            log.warn("Cannot prepare the picture '{}' in {}: {}; sending its text alone", name, dir, e.toString());
            return Optional.empty();
        }
    }
}
