package dev.ductor.runner.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorHome;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §7.5: {@code DUCTOR_HOME/.env} in a CLI's environment, read again only when the file changed. */
class CliEnvironmentTest {

    @TempDir
    Path tmp;

    @Test
    void dotEnvIsReadAgainOnlyWhenItsTimeOrSizeChanged() throws IOException {
        var home = new DuctorHome(tmp);
        Path file = Files.writeString(home.envFile(), "KEY=one\n");
        FileTime written = Files.getLastModifiedTime(file);
        var environment = new CliEnvironment(Map.of(), home);
        assertThat(environment.machine(Map.of())).containsEntry("KEY", "one");

        Files.writeString(file, "KEY=two\n");
        Files.setLastModifiedTime(file, written);
        assertThat(environment.machine(Map.of()))
                .as("same time and size: the earlier read is kept")
                .containsEntry("KEY", "one");

        Files.setLastModifiedTime(file, FileTime.fromMillis(written.toMillis() + 2000));
        assertThat(environment.machine(Map.of())).containsEntry("KEY", "two");

        Files.writeString(file, "KEY=three\nOTHER=x\n");
        Files.setLastModifiedTime(file, FileTime.fromMillis(written.toMillis() + 2000));
        assertThat(environment.machine(Map.of())).as("a new size").containsEntry("KEY", "three");

        Files.delete(file);
        assertThat(environment.machine(Map.of())).doesNotContainKey("KEY");
    }

    @Test
    void forbiddenNamesInDotEnvStayOut() throws IOException {
        var home = new DuctorHome(tmp);
        Files.writeString(home.envFile(), "DUCTOR_TELEGRAM_TOKEN=secret\nSPRING_X=y\nFINE=1\n");
        var environment = new CliEnvironment(Map.of(), home);

        environment.machine(Map.of());
        assertThat(environment.machine(Map.of()))
                .containsEntry("FINE", "1")
                .doesNotContainKeys("DUCTOR_TELEGRAM_TOKEN", "SPRING_X");
    }
}
