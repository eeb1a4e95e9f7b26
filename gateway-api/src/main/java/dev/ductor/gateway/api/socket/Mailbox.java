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
 * under the chat's lock, so an answer is never kept for a client that has just connected and already emptied
 * the mailbox; the lock is per chat ({@link ChatLocks}, kept only while that chat has a delivery or a connect
 * under way), so a client that stops reading (its sends block) holds up only its own chat's deliveries. The kept answers and their file have a lock of their own, held only to change them.
 */
public final class Mailbox {

    static final int KEPT_PER_CHAT = 50;
    private static final Logger log = LoggerFactory.getLogger(Mailbox.class);

    private final Connections connections;
    private final JsonStateFile<Map<String, List<String>>> file;
    private final Map<String, List<String>> waiting;
    private final ChatLocks chatLocks = new ChatLocks();

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
    public String deliver(ChatRef chat, String event, boolean keep) {
        return chatLocks.under(chat.storageKey(), () -> {
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
            synchronized (waiting) {
                List<String> kept = new ArrayList<>(waiting.getOrDefault(chat.storageKey(), List.of()));
                kept.add(event);
                while (kept.size() > KEPT_PER_CHAT) {
                    kept.removeFirst();
                    log.warn("The API mailbox of a chat holds {} answers; the oldest is dropped", KEPT_PER_CHAT);
                }
                waiting.put(chat.storageKey(), kept);
                file.save(waiting);
            }
            return "kept";
        });
    }

    /** Registers {@code client} and hands it what waited for its chat. */
    void connect(Client client) {
        String key = client.chat().storageKey();
        chatLocks.under(key, () -> {
            connections.add(client);
            List<String> kept;
            synchronized (waiting) {
                kept = waiting.get(key);
            }
            if (kept == null) {
                return null;
            }
            int sent = 0;
            while (sent < kept.size() && client.send(kept.get(sent))) {
                sent++;
            }
            synchronized (waiting) {
                if (sent == kept.size()) {
                    waiting.remove(key);
                } else {
                    waiting.put(key, new ArrayList<>(kept.subList(sent, kept.size())));
                }
                file.save(waiting);
            }
            return null;
        });
    }

    /** How many chats have a lock now: those with a delivery or a connect under way. */
    int lockedChats() {
        return chatLocks.size();
    }
}
