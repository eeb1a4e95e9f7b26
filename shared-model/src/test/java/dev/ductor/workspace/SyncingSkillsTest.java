package dev.ductor.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Skill folders shared between the workspace and the CLIs' skill folders, on a temp HOME (behaviour §8.5). */
class SyncingSkillsTest {

    @TempDir
    Path tmp;

    private Path user;
    private Path workspaceSkills;
    private Path claudeSkills;
    private Path codexSkills;

    @BeforeEach
    void homes() throws IOException {
        user = tmp.resolve("user");
        Files.createDirectories(user.resolve(".claude"));
        Files.createDirectories(user.resolve(".codex"));
        workspaceSkills = tmp.resolve("home/workspace/skills");
        claudeSkills = user.resolve(".claude/skills");
        codexSkills = user.resolve(".codex/skills");
    }

    private void sync() {
        new PreparingWorkspace(new DuctorHome(tmp.resolve("home")), user, null).prepare(Set.of("claude"));
    }

    @Test
    void aSkillInTheWorkspaceIsLinkedIntoEveryCliThatExists() throws IOException {
        Files.createDirectories(workspaceSkills.resolve("pdf"));

        sync();

        assertThat(claudeSkills.resolve("pdf")).isSymbolicLink();
        assertThat(Files.readSymbolicLink(claudeSkills.resolve("pdf"))).isEqualTo(workspaceSkills.resolve("pdf"));
        assertThat(Files.readSymbolicLink(codexSkills.resolve("pdf"))).isEqualTo(workspaceSkills.resolve("pdf"));
        assertThat(user.resolve(".gemini"))
                .as("gemini not installed: left alone")
                .doesNotExist();
    }

    @Test
    void withoutSkillsNoCliFolderIsTouched() {
        sync();

        assertThat(claudeSkills).doesNotExist();
        assertThat(codexSkills).doesNotExist();
    }

    @Test
    void aWorkspaceSkillFolderThatIsALinkIsNotSynced() throws IOException {
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        Files.createDirectories(workspaceSkills.getParent());
        Files.createSymbolicLink(workspaceSkills, elsewhere);
        Files.createDirectories(claudeSkills.resolve("deploy"));

        sync();

        assertThat(elsewhere).isEmptyDirectory();
        assertThat(codexSkills).doesNotExist();
    }

    @Test
    void aCliSkillIsLinkedIntoTheWorkspaceAndTheOtherClis() throws IOException {
        Files.createDirectories(codexSkills.resolve("deploy"));

        sync();

        assertThat(Files.readSymbolicLink(workspaceSkills.resolve("deploy"))).isEqualTo(codexSkills.resolve("deploy"));
        assertThat(Files.readSymbolicLink(claudeSkills.resolve("deploy"))).isEqualTo(codexSkills.resolve("deploy"));
    }

    @Test
    void codexSkillsLiveUnderCodexHomeWhenSet() throws IOException {
        Path codexHome = Files.createDirectories(tmp.resolve("codex-home"));
        Files.createDirectories(workspaceSkills.resolve("pdf"));

        new PreparingWorkspace(new DuctorHome(tmp.resolve("home")), user, codexHome).prepare(Set.of("codex"));

        assertThat(codexHome.resolve("skills/pdf")).isSymbolicLink();
        assertThat(codexSkills).doesNotExist();
    }

    @Test
    void aRealFolderIsNeverReplaced() throws IOException {
        Files.writeString(
                Files.createDirectories(workspaceSkills.resolve("notes")).resolve("SKILL.md"), "ours");
        Files.writeString(Files.createDirectories(claudeSkills.resolve("notes")).resolve("SKILL.md"), "theirs");

        sync();

        assertThat(claudeSkills.resolve("notes")).isDirectory().isNotEqualTo(workspaceSkills.resolve("notes"));
        assertThat(claudeSkills.resolve("notes"))
                .satisfies(p -> assertThat(Files.isSymbolicLink(p)).isFalse());
        assertThat(claudeSkills.resolve("notes/SKILL.md")).hasContent("theirs");
        assertThat(Files.readSymbolicLink(codexSkills.resolve("notes"))).isEqualTo(workspaceSkills.resolve("notes"));
    }

    @Test
    void brokenLinksOfOursGoAndOtherLinksAndHiddenFoldersStay() throws IOException {
        Files.createDirectories(workspaceSkills.resolve("gone"));
        sync();
        Files.delete(workspaceSkills.resolve("gone"));
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere/mine"));
        Files.createSymbolicLink(claudeSkills.resolve("mine"), elsewhere);
        Files.createSymbolicLink(claudeSkills.resolve("lost"), tmp.resolve("elsewhere/lost"));
        Files.createDirectories(claudeSkills.resolve(".system"));

        sync();

        assertThat(Files.exists(claudeSkills.resolve("gone"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(Files.exists(codexSkills.resolve("gone"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .isFalse();
        assertThat(Files.isSymbolicLink(claudeSkills.resolve("lost")))
                .as("not ours: kept")
                .isTrue();
        assertThat(claudeSkills.resolve("mine")).isSymbolicLink();
        assertThat(workspaceSkills.resolve(".system")).doesNotExist();
        assertThat(Files.exists(workspaceSkills.resolve("mine"), java.nio.file.LinkOption.NOFOLLOW_LINKS))
                .as("only links to someone else's folder: no canonical copy")
                .isFalse();
    }
}
