package dev.ductor.gateway.matrix.rooms;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RoomsAndButtonsTest {

    @TempDir
    Path store;

    @Test
    void roomIdsArePositiveStableAndSurviveARestart() {
        RoomIds ids = new RoomIds(store);
        long id = ids.chatId("!abc:example.org");
        assertThat(id).isPositive();
        assertThat(new RoomIds(store).roomId(id)).contains("!abc:example.org");
        assertThat(new RoomIds(store).chatId("!abc:example.org")).isEqualTo(id);
    }

    @Test
    void anOptionIsTakenOnceByReactionOrNumberAndANewerSetReplacesTheOlder() {
        ButtonSets sets = new ButtonSets(store);
        sets.activate("!r", new ButtonSets.ButtonSet("$m1", List.of("yes", "no")));
        assertThat(sets.byReaction("!r", "$m1", "2\uFE0F\u20E3")).contains("no");
        assertThat(sets.byReaction("!r", "$other", "2\uFE0F\u20E3")).isEmpty();
        assertThat(sets.byReaction("!r", "$m1", "3\uFE0F\u20E3")).isEmpty();
        assertThat(sets.byNumber("!r", " 1 ")).contains("yes");
        assertThat(sets.byNumber("!r", "1 please")).isEmpty();

        sets.activate("!r", new ButtonSets.ButtonSet("$m2", List.of("red")));
        assertThat(sets.byReaction("!r", "$m1", "1\uFE0F\u20E3")).isEmpty();
        sets.consume("!r");
        assertThat(new ButtonSets(store).byNumber("!r", "1")).isEmpty();
    }
}
