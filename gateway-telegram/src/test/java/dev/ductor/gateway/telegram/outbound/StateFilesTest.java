package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.state.DeliveredIds;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StateFilesTest {

    @TempDir
    Path dir;

    @Test
    void deliveredIdsSurviveARestartAndKeepAWindow() {
        DeliveredIds before = new DeliveredIds(dir, 3);
        for (String id : List.of("a", "b", "c", "d")) {
            before.add(id);
        }
        DeliveredIds after = new DeliveredIds(dir, 3);
        assertThat(after.contains("a")).isFalse();
        assertThat(after.contains("b")).isTrue();
        assertThat(after.contains("d")).isTrue();
    }

    @Test
    void sentMessagesSurviveARestart() {
        new SentMessages(dir, 10).put("ref-1", new SentRef(-100, 5L, 9, List.of(11, 12), true));
        assertThat(new SentMessages(dir, 10).find("ref-1")).contains(new SentRef(-100, 5L, 9, List.of(11, 12), true));
    }
}
