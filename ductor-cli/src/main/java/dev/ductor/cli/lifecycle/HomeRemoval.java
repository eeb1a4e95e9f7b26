package dev.ductor.cli.lifecycle;

import dev.ductor.cli.UserError;
import dev.ductor.state.FileTrees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Deletes a ductor home's contents. Symbolic links are removed as links, never followed (the skill links of
 * behaviour §8 point into the CLIs' own folders, which are not ductor's to delete).
 */
final class HomeRemoval {

    private HomeRemoval() {}

    /** Deletes everything inside {@code home}, and {@code home} itself when {@code itself}. */
    static void delete(Path home, boolean itself) {
        if (!Files.isDirectory(home, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try {
            if (itself) {
                FileTrees.delete(home);
            } else {
                FileTrees.deleteContents(home);
            }
        } catch (IOException e) {
            throw new UserError("Could not delete everything in " + home + ": " + e.getMessage());
        }
    }
}
