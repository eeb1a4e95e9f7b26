package dev.ductor.orchestrator.chats;

import dev.ductor.model.ChatType;
import dev.ductor.model.Transport;
import dev.ductor.state.StateRepairs;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Mends {@code chat_activity.json} entries that parsed but miss fields (behaviour §3.18): the chat id is
 * read from the key when missing, a missing transport or agent is {@code tg} / {@code main} (the bot of a
 * file written before those fields existed), a missing chat type is {@code group}, a missing status is
 * {@code left} (nothing is done to the group on that account; its next message or membership change sets
 * the real one). An entry whose key is not a chat id, or that is just {@code null}, is dropped.
 */
final class RepairingChatActivity {

    private RepairingChatActivity() {}

    static Map<String, ChatActivity> repaired(Map<String, @Nullable ChatActivity> loaded, StateRepairs repairs) {
        var result = new LinkedHashMap<String, ChatActivity>();
        loaded.forEach((key, entry) -> {
            long keyId;
            try {
                keyId = Long.parseLong(key);
            } catch (NumberFormatException e) {
                repairs.note("entry " + key + " is not keyed by a chat id; dropped");
                return;
            }
            if (entry == null) {
                repairs.note("entry " + key + " is null; dropped");
                return;
            }
            var mended = new ChatActivity(
                    keyId,
                    entry.chatType() == null ? ChatType.GROUP.code() : entry.chatType(),
                    entry.title(),
                    entry.status() == null ? ChatTracker.LEFT : entry.status(),
                    entry.allowed(),
                    Math.max(0, entry.rejectedCount()),
                    entry.transport() == null ? Transport.TELEGRAM.code() : entry.transport(),
                    entry.agent() == null ? "main" : entry.agent(),
                    entry.firstSeen(),
                    entry.lastSeen(),
                    withoutNulls(entry.topicNames()));
            if (!mended.equals(entry)) {
                repairs.note("entry " + key + " lacked fields or had a wrong chat_id; filled in");
            }
            result.put(key, mended);
        });
        return result;
    }

    private static Map<String, String> withoutNulls(Map<String, String> names) {
        var kept = new LinkedHashMap<String, String>();
        names.forEach((topic, name) -> {
            if (topic != null && name != null) {
                kept.put(topic, name);
            }
        });
        return kept;
    }
}
