package dev.ductor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §11: {@code ductor -V} and {@code --version} print the version of this build and nothing else. */
class VersionTest {

    @TempDir
    Path root;

    @Test
    void theShortAndTheLongFlagPrintTheBuildsVersion() throws Exception {
        Matcher parent = Pattern.compile("<parent>.*?<version>([^<]+)</version>", Pattern.DOTALL)
                .matcher(Files.readString(Path.of("pom.xml")));
        assertThat(parent.find()).isTrue();

        for (String flag : new String[] {"-V", "--version"}) {
            Session session = new Session(root.resolve(flag));
            assertThat(session.run(flag)).isZero();
            assertThat(session.out()).isEqualTo("ductor " + parent.group(1) + System.lineSeparator());
            assertThat(session.err()).isEmpty();
            assertThat(session.home()).doesNotExist();
        }
    }
}
