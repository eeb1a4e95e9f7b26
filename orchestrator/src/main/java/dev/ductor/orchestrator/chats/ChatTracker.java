package dev.ductor.orchestrator.chats;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.state.DuctorJson;
import dev.ductor.state.JsonStateFile;
import dev.ductor.state.StateRepairs;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code DUCTOR_HOME/chat_activity.json} (behaviour §3.18): every group the bot joined, left or was written to
 * from, keyed by chat id. Single writer, each change saved atomically.
 */
@Component
public class ChatTracker {

    static final String ACTIVE = "active";
    static final String REJECTED = "rejected";
    static final String AUTO_LEFT = "auto_left";
    static final String LEFT = "left";

    private final JsonStateFile<Map<String, ChatActivity>> file;
    private final Clock clock;
    private final Map<String, ChatActivity> chats;

    @Autowired
    ChatTracker(DuctorHome home) {
        this(home, Clock.systemUTC());
    }

    ChatTracker(DuctorHome home, Clock clock) {
        JsonMapper mapper = DuctorJson.mapper();
        this.file = new JsonStateFile<>(
                home.root().resolve("chat_activity.json"),
                mapper,
                mapper.getTypeFactory().constructMapType(LinkedHashMap.class, String.class, ChatActivity.class),
                LinkedHashMap::new);
        this.clock = clock;
        var repairs = new StateRepairs();
        this.chats = RepairingChatActivity.repaired(file.loadAsParsed(), repairs);
        repairs.settle(file, chats);
    }

    synchronized List<ChatActivity> all() {
        return new ArrayList<>(chats.values());
    }

    synchronized Optional<ChatActivity> get(long chatId) {
        return Optional.ofNullable(chats.get(Long.toString(chatId)));
    }

    /** A message from a group that is not allowlisted: recorded, counted, never answered. */
    synchronized void rejected(ChatRef chat, String chatType) {
        ChatActivity existing = entry(chat, chatType, null);
        put(existing.with(REJECTED, false, existing.rejectedCount() + 1, null, clock.instant()));
    }

    /**
     * A message from an allowed group: tracked as active, so the audit can leave it once it is no longer
     * allowed even if the bot never saw its join (added before this tracker existed). Written only when
     * that changes something.
     */
    synchronized void active(ChatRef chat, String chatType) {
        ChatActivity existing = chats.get(Long.toString(chat.chatId()));
        if (existing != null && existing.status().equals(ACTIVE) && existing.allowed()) {
            return;
        }
        ChatActivity entry = entry(chat, chatType, null);
        put(entry.with(ACTIVE, true, entry.rejectedCount(), null, clock.instant()));
    }

    synchronized void record(ChatRef chat, String chatType, @Nullable String title, String status, boolean allowed) {
        ChatActivity existing = entry(chat, chatType, title);
        put(existing.with(status, allowed, existing.rejectedCount(), title, clock.instant()));
    }

    synchronized void status(long chatId, String status, boolean allowed) {
        ChatActivity existing = chats.get(Long.toString(chatId));
        if (existing != null) {
            put(existing.with(status, allowed, existing.rejectedCount(), null, clock.instant()));
        }
    }

    /** A forum topic was created or renamed: its name is shown instead of {@code Topic #id}. */
    public synchronized void topicRenamed(ChatRef chat, String name) {
        ChatActivity existing = chats.get(Long.toString(chat.chatId()));
        if (existing == null || chat.topicId() == null) {
            return;
        }
        put(existing.withTopic(chat.topicId(), name));
    }

    public synchronized Optional<String> topicName(ChatRef chat) {
        if (chat.topicId() == null) {
            return Optional.empty();
        }
        return get(chat.chatId()).map(a -> a.topicNames().get(Long.toString(chat.topicId())));
    }

    private ChatActivity entry(ChatRef chat, String chatType, @Nullable String title) {
        ChatActivity existing = chats.get(Long.toString(chat.chatId()));
        if (existing != null) {
            return existing;
        }
        return new ChatActivity(
                chat.chatId(),
                chatType,
                title,
                ACTIVE,
                false,
                0,
                chat.transport(),
                chat.agent(),
                null,
                null,
                new LinkedHashMap<>());
    }

    private void put(ChatActivity activity) {
        chats.put(Long.toString(activity.chatId()), activity);
        file.save(chats);
    }
}
