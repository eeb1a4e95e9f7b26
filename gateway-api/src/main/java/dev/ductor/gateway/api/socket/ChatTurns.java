package dev.ductor.gateway.api.socket;

import dev.ductor.model.ChatRef;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the gateway knows of each conversation's turns from the outbound stream: which streams are open
 * (a turn is running, so an abort kills one), and which of the client's messages were aborts, whose
 * answer from the orchestrator ("Agent Stopped") the client already had as {@code abort_ok}. Kept in
 * memory: after a restart an abort of a turn already running reports {@code killed: 0} but still stops it.
 */
public final class ChatTurns {

    private static final int ABORTS_KEPT = 1000;

    private final Map<String, Set<String>> openStreams = new ConcurrentHashMap<>();
    private final Set<String> aborts = new LinkedHashSet<>();

    public void opened(ChatRef chat, String streamId) {
        openStreams
                .computeIfAbsent(chat.storageKey(), key -> ConcurrentHashMap.newKeySet())
                .add(streamId);
    }

    public void closed(ChatRef chat, String streamId) {
        openStreams.computeIfPresent(chat.storageKey(), (key, streams) -> {
            streams.remove(streamId);
            return streams.isEmpty() ? null : streams;
        });
    }

    /** The turns running in {@code chat}: at most one per conversation, as the orchestrator runs them. */
    int running(ChatRef chat) {
        return openStreams.getOrDefault(chat.storageKey(), Set.of()).isEmpty() ? 0 : 1;
    }

    synchronized void abortSent(String transportMessageId) {
        aborts.add(transportMessageId);
        if (aborts.size() > ABORTS_KEPT) {
            Iterator<String> oldest = aborts.iterator();
            oldest.next();
            oldest.remove();
        }
    }

    /** Whether a text replying to {@code replyTo} answers an abort the client already had {@code abort_ok} for. */
    public synchronized boolean answersAnAbort(String replyTo) {
        return aborts.contains(replyTo);
    }
}
