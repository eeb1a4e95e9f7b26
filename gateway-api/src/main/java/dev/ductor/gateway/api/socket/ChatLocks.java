package dev.ductor.gateway.api.socket;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * One lock per conversation while it has work under way or waiting: the first to need a chat's lock makes it,
 * the last to leave it removes it, so the map holds only the chats that are busy now, not every chat ever seen.
 * Holding one chat's lock holds up no other chat.
 */
final class ChatLocks {

    /** A chat's lock and how many threads hold it or wait for it. */
    private static final class Lock {
        int users;
    }

    private final Map<String, Lock> locks = new HashMap<>();

    /** {@code work} under the lock of {@code chat}, which exists for as long as someone holds or waits for it. */
    <T> T under(String chat, Supplier<T> work) {
        Lock lock;
        synchronized (locks) {
            lock = locks.computeIfAbsent(chat, key -> new Lock());
            lock.users++;
        }
        try {
            synchronized (lock) {
                return work.get();
            }
        } finally {
            synchronized (locks) {
                if (--lock.users == 0) {
                    locks.remove(chat);
                }
            }
        }
    }

    /** How many chats have a lock now. */
    int size() {
        synchronized (locks) {
            return locks.size();
        }
    }
}
