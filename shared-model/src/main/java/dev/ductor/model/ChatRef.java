package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import org.jspecify.annotations.Nullable;

/**
 * The session key everywhere: a chat (and optionally a forum topic or room thread) of one agent on one
 * transport ({@code tg}, {@code mx}, {@code api}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ChatRef(
        String transport,
        String agent,
        long chatId,
        @Nullable Long topicId) {

    /** ductor's {@code sessions.json} key: {@code "<transport>:<chat_id>[:<topic_id>]"}. */
    public String storageKey() {
        return topicId == null ? transport + ":" + chatId : transport + ":" + chatId + ":" + topicId;
    }
}
