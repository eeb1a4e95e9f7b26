package dev.ductor.runner.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The leftover check after a turn: which processes are still in the CLI's process group. */
class ProcessTreeTest {

    @TempDir
    Path tmp;

    @Test
    void aGroupWithALiveMemberIsSeenUntilItIsGone() throws IOException {
        Process leader = new ProcessBuilder(ProcessTree.inOwnGroup(List.of("sleep", "30")))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .start();
        try {
            assertThat(ProcessTree.groupHasMembers(leader.pid())).isTrue();
        } finally {
            ProcessTree.killLeftovers(leader.pid());
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !leader.isAlive());
        assertThat(ProcessTree.groupHasMembers(leader.pid())).isFalse();
    }

    @Test
    void theGroupIsFieldFiveAfterACommandNameWithSpacesAndParentheses() throws IOException {
        byte[] buffer = new byte[512];
        Path stat = Files.writeString(
                tmp.resolve("stat"), "4242 (a) b (c)) S 1 4240 4240 0 -1 4194560 107 0 0 0 0 0 0 0 20 0 1 0\n");
        assertThat(ProcessTree.groupOf(stat, buffer)).isEqualTo(4240);

        Files.writeString(stat, "4243 (zomb) Z 1 4240 4240 0\n");
        assertThat(ProcessTree.groupOf(stat, buffer))
                .as("a zombie is no member")
                .isEqualTo(-1);

        assertThat(ProcessTree.groupOf(tmp.resolve("gone"), buffer)).isEqualTo(-1);
        Files.writeString(stat, "garbage");
        assertThat(ProcessTree.groupOf(stat, buffer)).isEqualTo(-1);
    }
}
