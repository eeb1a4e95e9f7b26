package dev.ductor.orchestrator.conversation;

import dev.ductor.model.ChatRef;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * One turn at a time per chat or topic (behaviour §3.7): a message for an idle chat starts a turn, a message
 * for a busy one waits in that chat's queue; when a turn ends the next waiting message starts. Each
 * decision is atomic, so no message is started twice or forgotten between "busy?" and "enqueue".
 */
@Component
public class Conversations {

    /**
     * What {@link #admit} decided: start this run id now, or wait (runId null). {@code superseded}: the
     * message was already waiting (a redelivery or a re-publish of it); the new delivery took its place and
     * this earlier one is to be settled — it never runs twice.
     */
    public record Admission(
            @Nullable String runId, @Nullable Acker superseded) {
        public Admission(@Nullable String runId) {
            this(runId, null);
        }

        public boolean started() {
            return runId != null;
        }
    }

    /** The next message to start after a turn ended, with the run id reserved for it. */
    public record Next(PendingMessage pending, String runId) {}

    private static final class Conversation {
        @Nullable
        String activeRun;

        final Deque<PendingMessage> waiting = new ArrayDeque<>();
    }

    private final Map<ChatRef, Conversation> conversations = new HashMap<>();

    public synchronized Admission admit(PendingMessage pending) {
        Conversation conversation =
                conversations.computeIfAbsent(pending.message().chat(), c -> new Conversation());
        var waiting = conversation.waiting.iterator();
        while (waiting.hasNext()) {
            PendingMessage earlier = waiting.next();
            if (earlier.key().equals(pending.key())) {
                var replaced = new java.util.ArrayDeque<PendingMessage>();
                for (PendingMessage p : conversation.waiting) {
                    replaced.addLast(p == earlier ? pending : p);
                }
                conversation.waiting.clear();
                conversation.waiting.addAll(replaced);
                return new Admission(null, earlier.acker());
            }
        }
        if (conversation.activeRun == null) {
            conversation.activeRun = newRunId();
            return new Admission(conversation.activeRun);
        }
        conversation.waiting.addLast(pending);
        return new Admission(null);
    }

    /** Marks a chat busy with a run that survived a restart. */
    public synchronized void resume(ChatRef chat, String runId) {
        conversations.computeIfAbsent(chat, c -> new Conversation()).activeRun = runId;
    }

    /** The run ended: the chat is idle, or busy with the next waiting message (returned). */
    public synchronized Optional<Next> complete(ChatRef chat, String runId) {
        Conversation conversation = conversations.get(chat);
        if (conversation == null || !runId.equals(conversation.activeRun)) {
            return Optional.empty();
        }
        PendingMessage next = conversation.waiting.pollFirst();
        if (next == null) {
            conversation.activeRun = null;
            return Optional.empty();
        }
        conversation.activeRun = newRunId();
        return Optional.of(new Next(next, conversation.activeRun));
    }

    /** The chat's turn goes on under another run id (a fresh-session retry). */
    public synchronized boolean replace(ChatRef chat, String runId, String newRunId) {
        Conversation conversation = conversations.get(chat);
        if (conversation == null || !runId.equals(conversation.activeRun)) {
            return false;
        }
        conversation.activeRun = newRunId;
        return true;
    }

    public synchronized Optional<String> activeRun(ChatRef chat) {
        Conversation conversation = conversations.get(chat);
        return Optional.ofNullable(conversation == null ? null : conversation.activeRun);
    }

    /** Removes and returns every waiting message of the chat (a /stop discards them). */
    public synchronized List<PendingMessage> drain(ChatRef chat) {
        Conversation conversation = conversations.get(chat);
        if (conversation == null) {
            return List.of();
        }
        List<PendingMessage> drained = new ArrayList<>(conversation.waiting);
        conversation.waiting.clear();
        return drained;
    }

    /**
     * Takes one waiting message out of the chat's queue (its "Cancel message" button): it will never
     * start. Empty if it already started, was discarded or never waited.
     */
    public synchronized Optional<PendingMessage> cancel(ChatRef chat, String transportMessageId) {
        Conversation conversation = conversations.get(chat);
        if (conversation == null) {
            return Optional.empty();
        }
        for (var it = conversation.waiting.iterator(); it.hasNext(); ) {
            PendingMessage pending = it.next();
            if (pending.message().transportMessageId().equals(transportMessageId)) {
                it.remove();
                return Optional.of(pending);
            }
        }
        return Optional.empty();
    }

    /** Every chat with a turn running, and its run id. */
    public synchronized Map<ChatRef, String> activeRuns() {
        Map<ChatRef, String> active = new HashMap<>();
        conversations.forEach((chat, conversation) -> {
            if (conversation.activeRun != null) {
                active.put(chat, conversation.activeRun);
            }
        });
        return active;
    }

    /** Busy: a turn runs or messages wait (behaviour §3.7 {@code is_busy}). */
    public synchronized boolean busy(ChatRef chat) {
        Conversation conversation = conversations.get(chat);
        return conversation != null && (conversation.activeRun != null || !conversation.waiting.isEmpty());
    }

    public synchronized int waiting(ChatRef chat) {
        Conversation conversation = conversations.get(chat);
        return conversation == null ? 0 : conversation.waiting.size();
    }

    /** Messages waiting in all chats' queues. */
    public synchronized int waitingTotal() {
        return conversations.values().stream().mapToInt(c -> c.waiting.size()).sum();
    }

    /** The longest queue of any one chat. */
    public synchronized int longestQueue() {
        return conversations.values().stream()
                .mapToInt(c -> c.waiting.size())
                .max()
                .orElse(0);
    }

    /** Chats with a turn running. */
    public synchronized int running() {
        return (int)
                conversations.values().stream().filter(c -> c.activeRun != null).count();
    }

    private static String newRunId() {
        return "run-" + UUID.randomUUID();
    }
}
