package dev.ductor.orchestrator.chats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code chat_activity.json}: a group the bot was added to or heard from. {@code status} is
 * {@code active}, {@code rejected}, {@code auto_left}, {@code left} or {@code kicked}; {@code agent} tells
 * which bot of the transport is in it (needed to leave).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatActivity(
        long chatId,
        String chatType,
        @Nullable String title,
        String status,
        boolean allowed,
        int rejectedCount,
        String transport,
        String agent,
        @Nullable Instant firstSeen,
        @Nullable Instant lastSeen,
        Map<String, String> topicNames) {

    public ChatActivity {
        topicNames = topicNames == null ? new LinkedHashMap<>() : new LinkedHashMap<>(topicNames);
    }

    ChatActivity with(String newStatus, boolean nowAllowed, int rejected, @Nullable String newTitle, Instant now) {
        return new ChatActivity(
                chatId,
                chatType,
                newTitle == null || newTitle.isBlank() ? title : newTitle,
                newStatus,
                nowAllowed,
                rejected,
                transport,
                agent,
                firstSeen == null ? now : firstSeen,
                now,
                topicNames);
    }

    ChatActivity withTopic(long topicId, String name) {
        var names = new LinkedHashMap<>(topicNames);
        names.put(Long.toString(topicId), name);
        return new ChatActivity(
                chatId, chatType, title, status, allowed, rejectedCount, transport, agent, firstSeen, lastSeen, names);
    }
}
