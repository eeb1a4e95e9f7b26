package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.modelapi.FakeModelApi;
import dev.ductor.testkit.modelapi.ModelApi;
import dev.ductor.testkit.modelapi.RecordedRequest;
import dev.ductor.testkit.modelapi.Reply;
import dev.ductor.testkit.telegram.BotMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;

/**
 * A long answer of the real {@code claude} is seen growing in a private chat (behaviour §3.11): the runner
 * starts the installed CLI against the fake model API, whose model writes the answer as many text deltas
 * over about six seconds; a sampler reads what the chat shows (its messages and its draft, without the status
 * line such as {@code [REQUESTING]}) every 20 ms. The
 * chat must show at least two states that are growing prefixes of the answer, the first while the model is
 * still writing, and end with the whole answer as a message. An answer that appears only at the end fails.
 * Skipped when the real claude is not installed ({@code bin/install-clis}).
 */
@DuctorSystemTest
@EnabledIf("dev.ductor.systemtests.RealClaude#installed")
class RealClaudeLiveTextIT {

    private static final Duration TURN = Duration.ofSeconds(120);
    private static final int DELTAS = 30;
    private static final Duration PAUSE = Duration.ofMillis(200);
    private static final String ANSWER = IntStream.rangeClosed(1, 24)
            .mapToObj(i -> "Sentence " + i + " of the long answer tells a little more about the lighthouse.")
            .collect(Collectors.joining(" "));

    /** The indicator under (or before) the answer, e.g. {@code [REQUESTING]}: not part of the answer's text. */
    private static final Pattern STATUS_LINE = Pattern.compile("\\s*\\[[^\\]\\n]*\\](?: x\\d+)?\\s*$");

    private final DuctorStack stack;
    private final FakeModelApi api = FakeModelApi.start();

    RealClaudeLiveTextIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void theRealClaudeAgainstTheFakeModelApi() throws IOException {
        RealClaude.againstFakeModelApi(stack, api);
        stack.telegram().offerDrafts(true);
    }

    @AfterAll
    void stopModelApi() {
        api.close();
    }

    @Test
    void aLongAnswerIsSeenGrowingInThePrivateChatWhileTheModelWritesIt() throws Exception {
        // every model turn gets the slow answer: a side request of the CLI cannot take it from the user's turn
        api.otherwise(Reply.text(ANSWER).paced(DELTAS, PAUSE));
        long chat = DuctorStack.ALICE;
        String prompt = "tell me the long story of the lighthouse";
        List<Seen> seen = new ArrayList<>();
        Instant sent = Instant.now();
        stack.telegram().sendUserMessage(chat, chat, prompt);

        Instant deadline = sent.plus(TURN);
        while (!hasFinalAnswer(chat) && Instant.now().isBefore(deadline)) {
            String shown = STATUS_LINE
                    .matcher(stack.telegram().visible(chat).stream()
                            .map(BotMessage::text)
                            .collect(Collectors.joining()))
                    .replaceFirst("");
            if (!shown.isEmpty() && (seen.isEmpty() || !seen.getLast().text().equals(shown))) {
                seen.add(new Seen(Instant.now(), shown));
            }
            Thread.sleep(20);
        }
        assertThat(hasFinalAnswer(chat))
                .as("the whole answer arrived as a message")
                .isTrue();

        RecordedRequest turn = await().atMost(Duration.ofSeconds(5))
                .until(
                        () -> api.requests(ModelApi.ANTHROPIC_MESSAGES).stream()
                                .filter(r -> r.body().contains(prompt))
                                .findFirst(),
                        java.util.Optional::isPresent)
                .orElseThrow();
        // the last delta goes out no earlier than (DELTAS - 1) pauses after the request arrived
        Instant modelStillWriting = turn.at().plus(PAUSE.multipliedBy(DELTAS - 1));
        List<Seen> partial = seen.stream().filter(s -> !s.text().equals(ANSWER)).toList();
        System.out.printf(
                "RealClaudeLiveTextIT: %d visible states, %d before the whole answer; first text %d ms after the"
                        + " model's request, the model wrote until >= %d ms; states: %s%n",
                seen.size(),
                partial.size(),
                partial.isEmpty()
                        ? -1
                        : Duration.between(turn.at(), partial.getFirst().at()).toMillis(),
                Duration.between(turn.at(), modelStillWriting).toMillis(),
                seen.stream().map(s -> s.text().length()).toList());
        assertThat(partial)
                .as("the chat showed parts of the answer before the whole: %s", seen)
                .isNotEmpty();
        assertThat(partial.getFirst().at())
                .as("the first part was seen while the model was still writing")
                .isBefore(modelStillWriting);
        assertThat(seen.size()).as("at least two visible states").isGreaterThanOrEqualTo(2);
        for (int i = 0; i < seen.size(); i++) {
            String text = seen.get(i).text();
            assertThat(ANSWER).as("state %d is a prefix of the answer", i).startsWith(text);
            if (i > 0) {
                assertThat(text.length())
                        .as("state %d grew", i)
                        .isGreaterThan(seen.get(i - 1).text().length());
            }
        }
        assertThat(botMessages(stack.telegram(), chat))
                .extracting(BotMessage::text)
                .containsExactly(ANSWER);
    }

    private boolean hasFinalAnswer(long chat) {
        return stack.telegram().draft(chat).isEmpty()
                && botMessages(stack.telegram(), chat).stream()
                        .anyMatch(m -> m.text().equals(ANSWER));
    }

    private record Seen(Instant at, String text) {}
}
