package dev.ductor.gateway.telegram.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.model.AnswerMarkup;
import dev.ductor.model.Button;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The planner as a pure function: a stream's state in, the next Bot API call out, the state untouched. */
class StepPlannerTest {

    private static final long NOW = 1_000_000;
    /** No coalescing: every text is released as it arrives. */
    private static final StreamSettings EDITS = new StreamSettings(1, 1, 800, 1.0, 3, false, true);

    private static final StreamSettings APPENDS = new StreamSettings(1, 1, 800, 1.0, 3, true, true);
    private static final List<List<Button>> OK = List.of(List.of(new Button("OK", "OK")));

    private static StreamState stream(StreamSettings settings) {
        return new StreamState("s", new SentRef(42, 7L, 3, List.of(), false), settings, null, false);
    }

    private static void text(StreamState s, long seq, String text) {
        s.text(0, text, NOW);
        s.coalesce();
    }

    /** Plans the next step and lets Telegram accept it as message {@code messageId}. */
    private static Step shown(StreamState s, int messageId) {
        Step step = StepPlanner.next(s);
        assertThat(step).isNotNull();
        s.applied(step, ApiResult.success("call", step.messageId() == null ? messageId : null), NOW);
        return step;
    }

    @Test
    void theFirstTextIsSentAndOnceShownNothingIsLeftToDo() {
        StreamState s = stream(EDITS);
        text(s, 1, "Hello");

        Step step = StepPlanner.next(s);

        assertThat(step).isEqualTo(new Step(Step.Kind.SEND, 0, null, "Hello", List.of(), "Hello", null, List.of()));
        s.applied(step, ApiResult.success("sendMessage", 10), NOW);
        assertThat(StepPlanner.next(s)).isNull();
    }

    @Test
    void newerTextEditsTheShownMessage() {
        StreamState s = stream(EDITS);
        text(s, 1, "Hello");
        shown(s, 10);
        text(s, 2, "Hello world");

        Step step = StepPlanner.next(s);

        assertThat(step)
                .isEqualTo(new Step(Step.Kind.EDIT, 0, 10, "Hello world", List.of(), "Hello world", null, List.of()));
        // planning changes nothing: the same state plans the same step again
        assertThat(StepPlanner.next(s)).isEqualTo(step);
        assertThat(s.toSentRef().messageIds()).containsExactly(10);
    }

    @Test
    void aStatusBeforeAnyTextIsSentAsTheFirstMessageAndTheCloseReplacesIt() {
        StreamState s = stream(EDITS);
        s.status(StatusLine.render("system", "thinking"));

        assertThat(shown(s, 10).text()).isEqualTo("_[THINKING]_");

        s.close(AnswerMarkup.parse("The answer.\n\n[button:OK]"), List.of(), NOW);
        Step close = StepPlanner.next(s);
        assertThat(close.kind()).isEqualTo(Step.Kind.EDIT);
        assertThat(close.text()).isEqualTo("The answer.");
        assertThat(close.buttons()).isEqualTo(OK);
    }

    @Test
    void aRepeatedToolIsCountedUnderTheText() {
        StreamState s = stream(EDITS);
        text(s, 1, "Checking");
        s.status(StatusLine.render("tool", "Bash"));
        s.status(StatusLine.render("tool", "Bash"));

        assertThat(StepPlanner.next(s).text()).isEqualTo("Checking\n\n**[TOOL: Shell]** x2");
    }

    @Test
    void textOver4096CharactersIsSealedAndContinuesInANewMessage() {
        StreamState s = stream(EDITS);
        String first = "a".repeat(3000);
        String second = "b".repeat(3000);
        text(s, 1, first + "\n\n" + second);

        Step one = shown(s, 10);
        Step two = StepPlanner.next(s);

        assertThat(one.text()).isEqualTo(first);
        assertThat(two.kind()).isEqualTo(Step.Kind.SEND);
        assertThat(two.index()).isEqualTo(1);
        assertThat(two.text()).isEqualTo(second);
        assertThat(two.sealed()).containsExactly(first);
        assertThat(two.sealPrefix()).isEqualTo(first + "\n\n");
    }

    @Test
    void aShorterFinalTextDeletesTheMessagesItNoLongerNeeds() {
        StreamState s = new StreamState("s", new SentRef(42, null, null, List.of(10, 11), false), EDITS, null, false);
        s.close(AnswerMarkup.parse("Short at last."), List.of(), NOW);

        Step edit = shown(s, 0);
        Step delete = StepPlanner.next(s);

        assertThat(edit)
                .isEqualTo(new Step(
                        Step.Kind.EDIT, 0, 10, "Short at last.", List.of(), "Short at last.", null, List.of()));
        assertThat(delete).isEqualTo(Step.of(Step.Kind.DELETE, 1, 11, "", List.of()));
    }

    @Test
    void appendModeSendsEachPieceAndIndicatorAsANewMessageAndPutsTheKeyboardOnTheLast() {
        StreamState s = stream(APPENDS);
        text(s, 1, "First part.");
        assertThat(shown(s, 10)).satisfies(step -> {
            assertThat(step.kind()).isEqualTo(Step.Kind.APPEND);
            assertThat(step.text()).isEqualTo("First part.");
        });
        s.status(StatusLine.render("tool", "bash"));
        assertThat(shown(s, 11)).isEqualTo(Step.of(Step.Kind.INDICATOR, 1, null, "**[TOOL: Shell]**", List.of()));
        text(s, 2, "First part.\n\nSecond part.");
        assertThat(shown(s, 12).text()).isEqualTo("Second part.");

        s.close(AnswerMarkup.parse("First part.\n\nSecond part.\n\n[button:OK]"), List.of(), NOW);

        assertThat(StepPlanner.next(s)).isEqualTo(Step.of(Step.Kind.EDIT, 2, 12, "Second part.", OK));
    }

    @Test
    void afterTheLastAllowedFailedEditTheRestIsAppended() {
        StreamState s = stream(EDITS);
        text(s, 1, "part");
        shown(s, 10);
        ApiResult refused = new ApiResult("editMessageText", false, 400, "Bad Request: can't be edited", null, null);
        for (int i = 2; i <= 4; i++) {
            text(s, i, "part" + "\n\npart".repeat(i - 1));
            s.applied(StepPlanner.next(s), refused, NOW);
        }

        assertThat(s.appendMode()).isTrue();
        assertThat(StepPlanner.next(s)).satisfies(step -> {
            assertThat(step.kind()).isEqualTo(Step.Kind.APPEND);
            assertThat(step.text()).isEqualTo("part\n\npart\n\npart");
        });
    }

    @Test
    void aStreamTelegramRefusedIsGivenUp() {
        StreamState s = stream(EDITS);
        text(s, 1, "Hello");
        s.applied(
                StepPlanner.next(s),
                new ApiResult("sendMessage", false, 400, "Bad Request: chat not found", null, null),
                NOW);
        text(s, 2, "Hello again");

        assertThat(s.abandoned()).isTrue();
        assertThat(StepPlanner.next(s)).isNull();
    }
}
