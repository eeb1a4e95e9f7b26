package dev.ductor.gateway.api.socket;

import dev.ductor.bus.ContractJson;
import dev.ductor.model.ChatRef;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * Where an answer waits while its conversation has no client (docs/design.md, "No message is ever lost"):
 * a {@code result} for a chat without a connection is written to {@code mailbox.json} before its command is
 * acked, and handed to the next client that authenticates for that chat, then removed. At most
 * {@link #KEPT_PER_CHAT} per chat (the oldest goes first, with a log line). Connecting and keeping happen
 * under one lock, so an answer is never kept for a client that has just connected and already emptied the
 * mailbox.
 */
public final class Mailbox {

    static final int KEPT_PER_CHAT = 50;
    private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

    private final Connections connections;
    private final JsonStateFile<Map<String, List<String>>> file;
    private final Map<String, List<String>> waiting;

    public Mailbox(Path dir, Connections connections) {
        JsonMapper mapper = ContractJson.mapper();
        this.connections = connections;
        this.file = new JsonStateFile<>(
                dir.resolve("mailbox.json"),
                mapper,
                mapper.getTypeFactory()
                        .constructMapType(
                                LinkedHashMap.class,
                                mapper.getTypeFactory().constructType(String.class),
                                mapper.getTypeFactory().constructCollectionType(List.class, String.class)),
                LinkedHashMap::new);
        this.waiting = new LinkedHashMap<>(file.load());
    }

    /**
     * Sends {@code event} to every client of {@code chat}; with none connected, keeps it when {@code keep}.
     *
     * @return {@code delivered}, {@code kept} or {@code dropped}
     */
    public synchronized String deliver(ChatRef chat, String event, boolean keep) {
        boolean sent = false;
        for (Client client : connections.of(chat)) {
            sent |= client.send(event);
        }
        if (sent) {
            return "delivered";
        }
        if (!keep) {
            return "dropped";
        }
        List<String> kept = new ArrayList<>(waiting.getOrDefault(chat.storageKey(), List.of()));
        kept.add(event);
        while (kept.size() > KEPT_PER_CHAT) {
            kept.removeFirst();
            log.warn("The API mailbox of a chat holds {} answers; the oldest is dropped", KEPT_PER_CHAT);
        }
        waiting.put(chat.storageKey(), kept);
        file.save(waiting);
        return "kept";
    }

    /** Registers {@code client} and hands it what waited for its chat. */
    synchronized void connect(Client client) {
        connections.add(client);
        List<String> kept = waiting.get(client.chat().storageKey());
        if (kept == null) {
            return;
        }
        int sent = 0;
        while (sent < kept.size() && client.send(kept.get(sent))) {
            sent++;
        }
        if (sent == kept.size()) {
            waiting.remove(client.chat().storageKey());
        } else {
            waiting.put(client.chat().storageKey(), new ArrayList<>(kept.subList(sent, kept.size())));
        }
        file.save(waiting);
    }
}
