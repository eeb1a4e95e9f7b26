package dev.ductor.gateway.telegram.outbound;

import dev.ductor.model.Button;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Chooses the next single Bot API call that brings a stream closer to what it should show: state in, step
 * out, nothing changed. Edit mode (behaviour §3.11): send the chunks not yet sent, edit those that show
 * something else, and after the close delete messages the final text no longer needs. Append mode: every
 * released piece and every indicator is a new message, and the close puts the keyboard on the last one.
 */
final class StepPlanner {

    private StepPlanner() {}

    /** The next step for {@code s}, or null when Telegram shows what it should (or the stream was given up). */
    static @Nullable Step next(StreamState s) {
        if (s.abandoned()) {
            return null;
        }
        if (s.appendMode()) {
            return nextAppend(s);
        }
        return s.drafting() && !s.closed() ? nextDraft(s) : nextEdit(s);
    }

    /**
     * Draft mode (behaviour §3.11), while the stream is open: chunks the answer has grown past are sent as
     * messages and sealed, the last one shows as the draft; the close sends it (edit mode's plan).
     */
    private static @Nullable Step nextDraft(StreamState s) {
        Plan plan = plan(s);
        List<String> chunks = plan.chunks();
        int last = chunks.size() - 1;
        int sent = s.messageIds().size();
        if (last < 0 || sent > last) {
            return nextEdit(s);
        }
        if (sent < last) {
            return new Step(
                    Step.Kind.SEND,
                    sent,
                    null,
                    chunks.get(sent),
                    List.of(),
                    "",
                    plan.text().substring(0, plan.starts().get(sent + 1)),
                    List.copyOf(plan.raw().subList(0, sent + 1)));
        }
        String draft = chunks.get(last);
        return Step.key(draft, List.of()).equals(s.draftShown())
                ? null
                : new Step(Step.Kind.DRAFT, last, null, draft, List.of(), plan.answer(), null, List.of());
    }

    /**
     * What edit mode does now in place of {@code s}'s draft: the step a refused draft gives way to, so the
     * stream shows what it would have shown without drafts (behaviour §3.11).
     */
    static @Nullable Step insteadOfDraft(StreamState s) {
        return nextEdit(s);
    }

    private static @Nullable Step nextEdit(StreamState s) {
        Plan plan = plan(s);
        List<String> chunks = plan.chunks();
        List<Integer> messageIds = s.messageIds();
        for (int i = 0; i < chunks.size(); i++) {
            boolean last = i == chunks.size() - 1;
            List<List<Button>> buttons = s.closed() && last ? s.buttons() : List.of(); // the keyboard goes last
            String shownAnswer = last ? plan.answer() : "";
            if (i >= messageIds.size()) {
                String sealPrefix =
                        i == 0 ? null : plan.text().substring(0, plan.starts().get(i));
                return new Step(
                        Step.Kind.SEND,
                        i,
                        null,
                        chunks.get(i),
                        buttons,
                        shownAnswer,
                        sealPrefix,
                        List.copyOf(plan.raw().subList(0, i)));
            }
            if (!Step.key(chunks.get(i), buttons).equals(s.shown(i))) {
                return new Step(
                        Step.Kind.EDIT, i, messageIds.get(i), chunks.get(i), buttons, shownAnswer, null, List.of());
            }
        }
        if (s.closed() && !chunks.isEmpty() && messageIds.size() > chunks.size()) {
            int last = messageIds.size() - 1;
            return Step.of(Step.Kind.DELETE, last, messageIds.get(last), "", List.of());
        }
        return null;
    }

    private static @Nullable Step nextAppend(StreamState s) {
        String answer = s.displayAnswer();
        List<Integer> messageIds = s.messageIds();
        if (answer.length() > s.appendedUntil() && answer.startsWith(s.lastShownAnswer())) {
            String rest = answer.substring(s.appendedUntil());
            if (!rest.isBlank()) {
                String piece = TextSplitter.split(rest.strip()).getFirst();
                int end = rest.indexOf(piece) + piece.length();
                String shownAnswer = answer.substring(0, s.appendedUntil() + end);
                return new Step(
                        Step.Kind.APPEND, messageIds.size(), null, piece, List.of(), shownAnswer, null, List.of());
            }
        }
        String indicator = s.indicator();
        if (indicator != null && !indicator.equals(s.indicatorSent())) {
            return Step.of(Step.Kind.INDICATOR, messageIds.size(), null, indicator, List.of());
        }
        if (s.closed() && !s.buttons().isEmpty() && !s.buttonsAttached() && !messageIds.isEmpty()) {
            int last = messageIds.size() - 1;
            String lastText = s.shown(last);
            if (lastText != null) {
                return Step.of(Step.Kind.EDIT, last, messageIds.get(last), lastText, s.buttons());
            }
        }
        return null;
    }

    /** Edit mode's target: the chunks that should be visible, the answer plus the indicator while streaming. */
    static Plan plan(StreamState s) {
        String answerText = s.displayAnswer();
        String text = answerText;
        String indicator = s.indicator();
        if (indicator != null) {
            // behaviour §3.11: a status renders like text does, so "[THINKING]" or "Please wait, recovering..."
            // shows before the first answer text; the final edit drops it
            text = answerText.isBlank() ? indicator : answerText + "\n\n" + indicator;
        }
        if (text.isBlank()) {
            return new Plan(text, answerText, List.of(), List.of(), List.of());
        }
        List<String> chunks = new ArrayList<>();
        List<Integer> starts = new ArrayList<>();
        int base = 0;
        String rest = text;
        if (!s.sealed().isEmpty() && text.startsWith(s.sealedPrefix())) {
            chunks.addAll(s.sealed());
            s.sealed().forEach(c -> starts.add(0));
            base = s.sealedPrefix().length();
            rest = text.substring(base);
        }
        int from = 0;
        if (!rest.isBlank()) {
            for (String chunk : TextSplitter.split(rest)) {
                int at = rest.indexOf(chunk, from);
                at = at < 0 ? from : at;
                chunks.add(chunk);
                starts.add(base + at);
                from = at + chunk.length();
            }
        }
        return new Plan(text, answerText, CodeFences.balance(chunks), List.copyOf(chunks), starts);
    }

    /** The whole text, the answer part, its chunks (fences balanced), the raw chunks and where each starts. */
    record Plan(String text, String answer, List<String> chunks, List<String> raw, List<Integer> starts) {}
}
