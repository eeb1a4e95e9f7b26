package dev.ductor.state;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileTreesTest {

    @TempDir
    Path dir;

    Path tree;
    Path outside;

    /** {@code tree/} holds a file, a subfolder, and links to a folder and a file outside it. */
    @BeforeEach
    void tree() throws Exception {
        outside = Files.createDirectories(dir.resolve("outside/skills"));
        Files.writeString(outside.resolve("SKILL.md"), "not ours");
        Path outsideFile = Files.writeString(dir.resolve("outside/notes.md"), "not ours either");
        tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("sub"));
        Files.writeString(tree.resolve("sub/file.txt"), "ours");
        Files.createSymbolicLink(tree.resolve("sub/skills"), outside);
        Files.createSymbolicLink(tree.resolve("notes.md"), outsideFile);
    }

    @Test
    void deletesTheTreeAndRemovesItsLinksWithoutFollowingThem() throws Exception {
        FileTrees.delete(tree);

        assertThat(tree).doesNotExist();
        assertThat(outside.resolve("SKILL.md")).hasContent("not ours");
        assertThat(dir.resolve("outside/notes.md")).hasContent("not ours either");
    }

    @Test
    void deletesTheContentsAndKeepsTheFolder() throws Exception {
        FileTrees.deleteContents(tree);

        assertThat(tree).isEmptyDirectory();
        assertThat(outside.resolve("SKILL.md")).hasContent("not ours");
    }

    @Test
    void aLinkAsTheRootIsRemovedAsALinkOrLeftWhenOnlyItsContentsGo() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link"), outside);

        FileTrees.deleteContents(link);
        assertThat(outside.resolve("SKILL.md")).hasContent("not ours");

        FileTrees.delete(link);
        assertThat(link).doesNotExist();
        assertThat(Files.isSymbolicLink(link)).isFalse();
        assertThat(outside.resolve("SKILL.md")).hasContent("not ours");
    }

    @Test
    void aMissingTreeIsNothingToDelete() throws Exception {
        FileTrees.delete(dir.resolve("absent"));

        assertThat(dir.resolve("absent")).doesNotExist();
    }
}
