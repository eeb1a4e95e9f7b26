package dev.ductor.orchestrator.turn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import dev.ductor.workspace.PreparingWorkspace;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The memory check (behaviour §3.10) sends the agent only to files the seeded workspace has (§8.1). */
class MemoryCheckNamesWhatExistsTest {

    @TempDir
    Path tmp;

    @Test
    void everyPathOfTheMemoryCheckExistsInASeededWorkspace() {
        var home = new DuctorHome(tmp.resolve("home"));
        new PreparingWorkspace(home, tmp.resolve("user"), null).prepare(Set.of("claude"));

        String review = PromptBuilder.MEMORY_CHECK
                .lines()
                .filter(line -> line.startsWith("Silently review: "))
                .findFirst()
                .orElseThrow()
                .substring("Silently review: ".length());
        List<String> paths =
                Arrays.stream(review.replaceAll("\\.$", "").split(",\\s*")).toList();

        assertThat(paths).containsExactly("memory_system/MAINMEMORY.md", "user_tools/", "cron_tasks/");
        assertThat(paths)
                .allSatisfy(path -> assertThat(home.workspace().resolve(path)).exists());
    }
}
