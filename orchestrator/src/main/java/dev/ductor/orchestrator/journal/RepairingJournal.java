package dev.ductor.orchestrator.journal;

import dev.ductor.model.ChatRef;
import dev.ductor.state.StateRepairs;
import java.time.Instant;
import java.util.LinkedHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Mends a {@code turns.json} that parsed but misses fields (docs/design.md, "No message is ever lost" 1): a missing window or in-flight map
 * is empty, a dedup key without its time is dropped, and a turn in flight keeps what is needed to tell its
 * chat it was lost — its run id from its key, an unknown phase counted as RUNNING (the lost-run watchdog
 * then gives it the usual grace). A turn without a chat cannot be told to anyone and is dropped.
 */
final class RepairingJournal {

    private RepairingJournal() {}

    // The records declare their fields non-null; a file may still lack them.
    static TurnJournal.State repaired(TurnJournal.State loaded, Instant now, StateRepairs repairs) {
        var seen = new LinkedHashMap<String, Instant>();
        if (loaded.seen() == null) {
            repairs.note("no dedup window (seen); started an empty one");
        } else {
            loaded.seen().forEach((key, at) -> {
                if (at == null) {
                    repairs.note("dedup key " + key + " without a time; dropped");
                } else {
                    seen.put(key, at);
                }
            });
        }
        var inflight = new LinkedHashMap<String, InflightTurn>();
        if (loaded.inflight() == null) {
            repairs.note("no turns in flight (inflight); started an empty map");
        } else {
            loaded.inflight().forEach((runId, turn) -> {
                InflightTurn mended = repaired(runId, turn, now, repairs);
                if (mended != null) {
                    inflight.put(runId, mended);
                }
            });
        }
        return new TurnJournal.State(seen, inflight);
    }

    private static @Nullable InflightTurn repaired(
            String runId, @Nullable InflightTurn turn, Instant now, StateRepairs repairs) {
        if (turn == null
                || turn.chat() == null
                || turn.chat().transport() == null
                || turn.chat().chatId() == 0) {
            repairs.note("turn " + runId + " in flight without a chat; dropped (no chat to tell)");
            return null;
        }
        ChatRef chat = turn.chat();
        if (chat.agent() == null) {
            chat = new ChatRef(chat.transport(), "main", chat.chatId(), chat.topicId());
        }
        var mended = new InflightTurn(
                runId,
                chat,
                turn.replyTo(),
                turn.provider() == null ? "unknown" : turn.provider(),
                turn.model() == null ? "" : turn.model(),
                turn.promptPreview() == null ? "" : turn.promptPreview(),
                turn.acceptedAt() == null ? now : turn.acceptedAt(),
                turn.phase() == null ? InflightTurn.Phase.RUNNING : turn.phase(),
                turn.freshSession());
        if (!mended.equals(turn)) {
            repairs.note("turn " + runId + " in flight lacked fields; filled in");
        }
        return mended;
    }
}
