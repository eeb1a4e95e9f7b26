package dev.ductor.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Seeding of {@code DUCTOR_HOME}: layout, zones, rule files and their sync, shared memory (behaviour §8.1–§8.4). */
class PreparingWorkspaceTest {

    @TempDir
    Path tmp;

    private DuctorHome home() {
        return new DuctorHome(tmp.resolve("home"));
    }

    private PreparingWorkspace preparing() {
        return new PreparingWorkspace(home(), tmp.resolve("user"), null);
    }

    private Path ws(String path) {
        return home().workspace().resolve(path);
    }

    @Test
    void layoutIsDuctors() {
        preparing().prepare(Set.of("claude"));

        for (String dir : new String[] {
            "memory_system",
            "cron_tasks",
            "tasks",
            "skills",
            "tools/cron_tools",
            "tools/webhook_tools",
            "tools/agent_tools",
            "tools/task_tools",
            "tools/media_tools",
            "user_tools",
            "telegram_files",
            "matrix_files",
            "output_to_user"
        }) {
            assertThat(ws(dir)).as(dir).isDirectory();
        }
        assertThat(home().root().resolve("config")).isDirectory();
        assertThat(home().root().resolve("tmp")).isDirectory();
        assertThat(ws("memory_system/MAINMEMORY.md"))
                .content()
                .startsWith("# Main Memory")
                .contains("## About the User", "## Learned Facts", "## Decisions and Preferences", "(Empty -- ");
        assertThat(home().root().resolve("SHAREDMEMORY.md")).content().startsWith("# Shared Memory");
        assertThat(ws("tools/media_tools/RULES.md")).content().contains("telegram_files/");
    }

    @Test
    void seedOnceFilesKeepTheUsersEditsAndComeBackWhenDeleted() throws IOException {
        preparing().prepare(Set.of("claude"));
        Files.writeString(ws("memory_system/MAINMEMORY.md"), "# Main Memory\n\nThe user is called Ada.\n");

        preparing().prepare(Set.of("claude"));
        assertThat(ws("memory_system/MAINMEMORY.md")).hasContent("# Main Memory\n\nThe user is called Ada.\n");

        Files.delete(ws("memory_system/MAINMEMORY.md"));
        preparing().prepare(Set.of("claude"));
        assertThat(ws("memory_system/MAINMEMORY.md")).content().contains("## About the User");
    }

    @Test
    void overwrittenFilesAreRestoredFromThePackage() throws IOException {
        preparing().prepare(Set.of("claude"));
        String rules = Files.readString(ws("CLAUDE.md"));
        String media = Files.readString(ws("tools/media_tools/RULES.md"));
        Files.writeString(ws("CLAUDE.md"), "edited");
        Files.writeString(ws("tools/media_tools/RULES.md"), "edited");

        preparing().prepare(Set.of("claude"));

        assertThat(ws("CLAUDE.md")).hasContent(rules);
        assertThat(ws("tools/media_tools/RULES.md")).hasContent(media);
    }

    /** Scenario 81: an edited tool script is replaced by the packaged one, and stays executable. */
    @Test
    void toolScriptsAreOverwrittenAndExecutable() throws IOException {
        preparing().prepare(Set.of("claude"));
        Path add = ws("tools/cron_tools/cron_add.py");
        String packaged = Files.readString(add);
        Files.writeString(add, "edited");
        Files.setPosixFilePermissions(add, PosixFilePermissions.fromString("rw-------"));

        preparing().prepare(Set.of("claude"));

        assertThat(add).hasContent(packaged);
        assertThat(packaged).startsWith("#!/bin/sh").contains("/tools/$tool");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(add)))
                .isEqualTo("rwxr-xr-x");
        for (String tool : new String[] {
            "cron_tools/cron_list",
            "cron_tools/cron_edit",
            "cron_tools/cron_remove",
            "cron_tools/cron_time",
            "webhook_tools/webhook_add",
            "webhook_tools/webhook_list",
            "webhook_tools/webhook_remove",
            "webhook_tools/webhook_edit",
            "webhook_tools/webhook_rotate_token",
            "webhook_tools/webhook_test"
        }) {
            assertThat(ws("tools/" + tool + ".py")).as(tool).hasContent(packaged);
        }
        assertThat(ws("tools/webhook_tools/RULES.md")).content().contains("webhook_add.py");
        assertThat(ws("tools/cron_tools/RULES.md")).content().contains("cron_add.py");
    }

    @Test
    void ruleFilesAreDeployedForTheLoggedInClisOnly() throws IOException {
        preparing().prepare(Set.of("claude", "codex"));

        for (Path dir : new Path[] {home().root(), home().workspace(), ws("memory_system")}) {
            assertThat(dir.resolve("CLAUDE.md")).as(dir.toString()).exists();
            assertThat(dir.resolve("AGENTS.md")).hasSameTextualContentAs(dir.resolve("CLAUDE.md"));
            assertThat(dir.resolve("GEMINI.md")).doesNotExist();
        }
        assertThat(ws("CLAUDE.md"))
                .content()
                .contains("MAINMEMORY.md", "<file:", "output_to_user/", "[button:", "telegram_files/")
                .contains("`CLAUDE.md` and `AGENTS.md`")
                .doesNotContain("{{");

        preparing().prepare(Set.of("codex"));
        assertThat(ws("CLAUDE.md")).doesNotExist();
        assertThat(ws("AGENTS.md")).content().contains("These rules are in `AGENTS.md`.");

        preparing().prepare(Set.of());
        assertThat(ws("AGENTS.md")).as("no CLI logged in: nothing removed").exists();
    }

    @Test
    void theNewestRuleFileIsCopiedToItsOlderSiblings() throws IOException {
        preparing().prepare(Set.of("claude", "codex", "gemini"));
        Files.writeString(ws("AGENTS.md"), "edited by codex");
        Files.setLastModifiedTime(ws("AGENTS.md"), FileTime.from(Instant.now().plusSeconds(5)));
        Path project = Files.createDirectories(ws("projects/site"));
        Files.writeString(project.resolve("GEMINI.md"), "project rules");

        preparing().resync(Set.of("claude", "codex", "gemini"));

        assertThat(ws("CLAUDE.md")).hasContent("edited by codex");
        assertThat(ws("GEMINI.md")).hasContent("edited by codex");
        assertThat(project.resolve("CLAUDE.md"))
                .as("missing siblings are not created")
                .doesNotExist();
        assertThat(project.resolve("GEMINI.md")).hasContent("project rules");
    }

    @Test
    void aSiblingAsNewAsTheSourceKeepsItsEdit() throws IOException {
        Path dir = Files.createDirectories(ws("projects/app"));
        FileTime same = FileTime.from(Instant.now().minusSeconds(30));
        Files.writeString(dir.resolve("CLAUDE.md"), "claude's");
        Files.writeString(dir.resolve("AGENTS.md"), "codex's");
        Files.setLastModifiedTime(dir.resolve("CLAUDE.md"), same);
        Files.setLastModifiedTime(dir.resolve("AGENTS.md"), same);

        preparing().resync(Set.of("claude", "codex"));

        assertThat(dir.resolve("CLAUDE.md")).hasContent("claude's");
        assertThat(dir.resolve("AGENTS.md")).hasContent("codex's");
    }

    @Test
    void aCronTaskFolderGetsTheRuleFilesOfTheLoggedInClis() throws IOException {
        preparing().prepare(Set.of("claude", "codex"));
        Path task = Files.createDirectories(ws("cron_tasks/morning"));
        Files.writeString(task.resolve("CLAUDE.md"), "task rules");
        Files.writeString(task.resolve("GEMINI.md"), "task rules");
        Files.setLastModifiedTime(
                task.resolve("GEMINI.md"), FileTime.from(Instant.now().minusSeconds(60)));

        preparing().prepare(Set.of("claude", "codex"));

        assertThat(task.resolve("AGENTS.md")).hasContent("task rules");
        assertThat(task.resolve("GEMINI.md")).as("user-owned: not removed").hasContent("task rules");
    }

    @Test
    void linksAreNeitherWrittenThroughNorFollowedOutOfTheHome() throws IOException {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Files.createDirectories(ws("memory_system"));
        Files.createSymbolicLink(ws("tools"), outside);
        Path ownMemory = Files.writeString(outside.resolve("memory.md"), "mine");
        Files.createSymbolicLink(ws("memory_system/MAINMEMORY.md"), ownMemory);
        Files.createSymbolicLink(ws("GEMINI.md"), ownMemory);

        preparing().prepare(Set.of("claude"));

        try (Stream<Path> written = Files.list(outside)) {
            assertThat(written).containsExactly(ownMemory);
        }
        assertThat(ownMemory).hasContent("mine");
        assertThat(ws("memory_system/MAINMEMORY.md")).isSymbolicLink();
        assertThat(ws("GEMINI.md")).isSymbolicLink();
        assertThat(ws("CLAUDE.md")).exists();
    }

    @Test
    void aSubAgentsMemoryMirrorsTheMainHomesSharedMemory() throws IOException {
        preparing().prepare(Set.of("claude"));
        var helper = PreparingWorkspace.forSubAgent(home(), "helper", tmp.resolve("user"), null);
        helper.prepare(Set.of("claude"));
        Path helperHome = home().agent("helper").root();
        Path memory = helperHome.resolve("workspace/memory_system/MAINMEMORY.md");
        assertThat(memory).exists().content().doesNotContain(MirroringSharedMemory.BEGIN);
        assertThat(helperHome.resolve("SHAREDMEMORY.md")).doesNotExist(); // one file for all agents

        Files.writeString(home().root().resolve("SHAREDMEMORY.md"), "# Shared Memory\n\nThe team meets on Mondays.\n");
        helper.resync(Set.of("claude"));
        preparing().resync(Set.of("claude"));
        assertThat(memory)
                .content()
                .contains(MirroringSharedMemory.BEGIN + "\n# Shared Memory\n\nThe team meets on Mondays.\n");
        assertThat(ws("memory_system/MAINMEMORY.md")).content().contains("The team meets on Mondays.");
    }

    @Test
    void sharedMemoryIsMirroredIntoTheMainMemory() throws IOException {
        preparing().prepare(Set.of("claude"));
        Path main = ws("memory_system/MAINMEMORY.md");
        Path shared = home().root().resolve("SHAREDMEMORY.md");
        String seeded = Files.readString(main);
        Files.writeString(main, "# Main Memory\n\nOwn fact.\n");
        Files.writeString(shared, "# Shared Memory\n\nThe team meets on Mondays.\n");

        preparing().resync(Set.of("claude"));
        preparing().resync(Set.of("claude"));
        assertThat(main)
                .hasContent("# Main Memory\n\nOwn fact.\n\n" + MirroringSharedMemory.BEGIN
                        + "\n# Shared Memory\n\nThe team meets on Mondays.\n" + MirroringSharedMemory.END + "\n");

        Files.writeString(shared, "# Shared Memory\n\nThe team meets on Tuesdays.\n");
        preparing().resync(Set.of("claude"));
        assertThat(Files.readString(main))
                .contains("Tuesdays")
                .doesNotContain("Mondays")
                .startsWith("# Main Memory\n\nOwn fact.\n\n");

        Files.writeString(shared, " \n");
        preparing().resync(Set.of("claude"));
        assertThat(main).hasContent("# Main Memory\n\nOwn fact.\n");
        assertThat(seeded).doesNotContain(MirroringSharedMemory.BEGIN);
    }

    @Test
    void preparingTwiceChangesNothing() throws IOException {
        preparing().prepare(Set.of("claude", "gemini"));
        FileTime before = Files.getLastModifiedTime(ws("CLAUDE.md"), LinkOption.NOFOLLOW_LINKS);
        Files.setLastModifiedTime(ws("CLAUDE.md"), FileTime.fromMillis(before.toMillis() - 60_000));
        FileTime aged = Files.getLastModifiedTime(ws("CLAUDE.md"));

        preparing().prepare(Set.of("claude", "gemini"));

        assertThat(Files.getLastModifiedTime(ws("CLAUDE.md"))).isEqualTo(aged);
    }
}
