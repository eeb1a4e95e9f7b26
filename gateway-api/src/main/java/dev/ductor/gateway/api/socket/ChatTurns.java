package dev.ductor.gateway.api.socket;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.bus.ContractJson;
import dev.ductor.model.ChatRef;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.json.JsonMapper;

/**
 * What the gateway knows of each conversation's turns from the outbound stream: which streams are open
 * (a turn is running, so an abort kills one), and which of the client's messages were aborts, whose
 * answer from the orchestrator ("Agent Stopped") the client already had as {@code abort_ok}. Written to
 * {@code turns.json} at each change, before the command that made it is acked, so a restarted gateway
 * still answers an abort of a turn that was running with {@code killed: 1} and still keeps the answer to an
 * earlier abort from the client. Every stream the orchestrator opens it closes (a lost run too).
 */
public final class ChatTurns {

    private static final int ABORTS_KEPT = 1000;

    /** The file's content: open stream ids by conversation, and the latest abort message ids. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record Known(Map<String, List<String>> open, List<String> aborts) {}

    private final JsonStateFile<Known> file;
    private final Map<String, Set<String>> openStreams = new LinkedHashMap<>();
    private final Set<String> aborts = new LinkedHashSet<>();

    public ChatTurns(Path dir) {
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                dir.resolve("turns.json"),
                mapper,
                mapper.getTypeFactory().constructType(Known.class),
                () -> new Known(Map.of(), List.of()));
        Known known = file.load();
        known.open().forEach((chat, streams) -> openStreams.put(chat, new LinkedHashSet<>(streams)));
        aborts.addAll(known.aborts());
    }

    public synchronized void opened(ChatRef chat, String streamId) {
        if (openStreams
                .computeIfAbsent(chat.storageKey(), key -> new LinkedHashSet<>())
                .add(streamId)) {
            save();
        }
    }

    public synchronized void closed(ChatRef chat, String streamId) {
        Set<String> streams = openStreams.get(chat.storageKey());
        if (streams != null && streams.remove(streamId)) {
            if (streams.isEmpty()) {
                openStreams.remove(chat.storageKey());
            }
            save();
        }
    }

    /** The turns running in {@code chat}: at most one per conversation, as the orchestrator runs them. */
    synchronized int running(ChatRef chat) {
        return openStreams.getOrDefault(chat.storageKey(), Set.of()).isEmpty() ? 0 : 1;
    }

    synchronized void abortSent(String transportMessageId) {
        aborts.add(transportMessageId);
        if (aborts.size() > ABORTS_KEPT) {
            Iterator<String> oldest = aborts.iterator();
            oldest.next();
            oldest.remove();
        }
        save();
    }

    /** Whether a text replying to {@code replyTo} answers an abort the client already had {@code abort_ok} for. */
    public synchronized boolean answersAnAbort(String replyTo) {
        return aborts.contains(replyTo);
    }

    private void save() {
        Map<String, List<String>> open = new LinkedHashMap<>();
        openStreams.forEach((chat, streams) -> open.put(chat, List.copyOf(streams)));
        file.save(new Known(open, new ArrayList<>(aborts)));
    }
}
