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

    @Test
    void aShortTurnFindsWhatItsCliLeftAmongThePidsHandedOutSince() throws Exception {
        Process leader = new ProcessBuilder(ProcessTree.inOwnGroup(List.of("sh", "-c", "sleep 30 & exit 0")))
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        leader.waitFor();
        try {
            assertThat(ProcessTree.groupHasMembersSince(leader.pid()))
                    .as("the sleep the exited shell left")
                    .isTrue();
        } finally {
            ProcessTree.killLeftovers(leader.pid(), Duration.ofSeconds(1));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> !ProcessTree.groupHasMembers(leader.pid()));
        assertThat(ProcessTree.groupHasMembersSince(leader.pid())).isFalse();
    }

    @Test
    void thePidsHandedOutSinceTheLeaderWrapAroundToTheLowestOnes() {
        assertThat(ProcessTree.handedOutBetween(500, 400, 600)).isTrue();
        assertThat(ProcessTree.handedOutBetween(400, 400, 600)).isTrue();
        assertThat(ProcessTree.handedOutBetween(399, 400, 600)).isFalse();
        assertThat(ProcessTree.handedOutBetween(601, 400, 600)).isFalse();
        assertThat(ProcessTree.handedOutBetween(32000, 30000, 310))
                .as("before the wrap")
                .isTrue();
        assertThat(ProcessTree.handedOutBetween(305, 30000, 310))
                .as("after the wrap")
                .isTrue();
        assertThat(ProcessTree.handedOutBetween(20000, 30000, 310)).isFalse();
    }

    @Test
    void theLastPidIsTheLastFieldOfLoadavg() throws IOException {
        Path loadavg = Files.writeString(tmp.resolve("loadavg"), "3.89 5.38 8.87 4/531 18863\n");
        assertThat(ProcessTree.lastPid(loadavg)).isEqualTo(18863);
        assertThat(ProcessTree.lastPid(tmp.resolve("gone"))).isEqualTo(-1);
        Files.writeString(loadavg, "garbage");
        assertThat(ProcessTree.lastPid(loadavg)).isEqualTo(-1);
        assertThat(ProcessTree.lastPid(Path.of("/proc/loadavg"))).isPositive();
    }
}
