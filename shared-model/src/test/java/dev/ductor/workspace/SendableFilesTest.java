package dev.ductor.workspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** behaviour §3.14, §5.8: no agent sends a bot token, its own or another agent's, whatever file_access says. */
class SendableFilesTest {

    @TempDir
    Path dir;

    @Test
    void noAgentSendsAnyAgentsConfigOrAgentsJson() throws Exception {
        Path main = dir.resolve("home");
        Path helper = main.resolve("agents/helper");
        for (Path file : new Path[] {
            main.resolve("config/config.json"),
            main.resolve("agents.json"),
            helper.resolve("config/config.json"),
            main.resolve("agents/other/config/config.json"),
            helper.resolve("workspace/report.txt"),
            main.resolve("workspace/report.txt")
        }) {
            Files.createDirectories(file.getParent());
            Files.writeString(file, "x");
        }
        for (Path home : new Path[] {main, helper}) {
            var files = new SendableFiles(() -> "all", home.resolve("workspace"), dir.resolve("user"), home);
            assertThat(files.resolve(main, "config/config.json")).isNull();
            assertThat(files.resolve(main, "agents.json")).isNull();
            assertThat(files.resolve(main, "agents/helper/config/config.json")).isNull();
            assertThat(files.resolve(main, "agents/other/config/config.json")).isNull();
            assertThat(files.resolve(main, "agents/helper/workspace/report.txt"))
                    .isNotNull();
            assertThat(files.resolve(main, "workspace/report.txt")).isNotNull();
        }
    }
}
