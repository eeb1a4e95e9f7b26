package dev.ductor.gateway.api.socket;

import dev.ductor.model.ChatRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** The authenticated connections by conversation ({@code ChatRef.storageKey}); several per chat are fine. */
public final class Connections {

    private final Map<String, Set<Client>> byChat = new ConcurrentHashMap<>();

    void add(Client client) {
        byChat.computeIfAbsent(client.chat().storageKey(), key -> ConcurrentHashMap.newKeySet())
                .add(client);
    }

    /** Removes {@code client}; true when it was the chat's last connection. */
    boolean remove(Client client) {
        String key = client.chat().storageKey();
        Set<Client> clients = byChat.get(key);
        if (clients == null) {
            return true;
        }
        clients.remove(client);
        if (clients.isEmpty()) {
            byChat.remove(key, clients);
            return true;
        }
        return false;
    }

    public List<Client> of(ChatRef chat) {
        return List.copyOf(byChat.getOrDefault(chat.storageKey(), Set.of()));
    }

    public int count() {
        return byChat.values().stream().mapToInt(Set::size).sum();
    }
}
