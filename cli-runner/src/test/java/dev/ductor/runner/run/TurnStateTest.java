package dev.ductor.runner.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.stream.StreamText;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the runner assembles the streamed answer from whole blocks and deltas (behaviour §3.11). */
class TurnStateTest {

    private final TurnState state = new TurnState();
    private final List<TurnState.Piece> pieces = new ArrayList<>();
    /** What a gateway rebuilds from the pieces. */
    private final StreamText gateway = new StreamText();

    private void piece(TurnState.Piece piece) {
        if (piece != null) {
            pieces.add(piece);
            gateway.accept(piece.offset(), piece.text());
        }
    }

    @Test
    void wholeBlocksAreSeparatedByABlankLine() {
        piece(state.keep("Let me check."));
        piece(state.keep("Done."));

        assertThat(pieces)
                .containsExactly(new TurnState.Piece(0, "Let me check."), new TurnState.Piece(13, "\n\nDone."));
        assertThat(gateway.text()).isEqualTo("Let me check.\n\nDone.");
    }

    @Test
    void theWholeBlockAfterItsDeltasAddsNothingTwice() {
        piece(state.delta("Hello "));
        piece(state.delta("world"));
        piece(state.keep("Hello world"));

        assertThat(pieces).extracting(TurnState.Piece::text).containsExactly("Hello ", "world");
        assertThat(gateway.text()).isEqualTo("Hello world");
    }

    @Test
    void theWholeBlockCompletesOrCorrectsItsDeltas() {
        piece(state.keep("First."));
        piece(state.delta("Sec"));
        piece(state.keep("Second."));
        assertThat(gateway.text()).isEqualTo("First.\n\nSecond.");

        piece(state.delta("Thrid"));
        piece(state.keep("Third."));
        assertThat(gateway.text()).isEqualTo("First.\n\nSecond.\n\nThird.");
    }

    @Test
    void aToolEndsTheBlockSoTheNextDeltasStartANewOne() {
        piece(state.delta("Looking"));
        state.endBlock();
        piece(state.delta("Found it"));

        assertThat(gateway.text()).isEqualTo("Looking\n\nFound it");
    }

    @Test
    void deltasAreCappedWithAVisibleMarker() {
        String big = "d".repeat(TurnState.MAX_ANSWER_CHARS - 2);
        piece(state.delta(big));
        piece(state.delta("abcd"));
        piece(state.delta("more"));
        piece(state.keep(big + "abcdmore"));

        assertThat(gateway.text()).isEqualTo(big + "ab" + TurnState.TRUNCATED);
        assertThat(state.truncated()).isTrue();
    }
}
