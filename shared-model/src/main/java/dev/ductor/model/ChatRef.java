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

    /**
     * The chat id no chat has, used as an address for "everyone this gateway broadcasts to": on Matrix the
     * gateway's broadcast rooms ({@code matrix.allowed_rooms}, else the last active room; behaviour §9.8).
     */
    public static final long BROADCAST = 0;

    /** The broadcast address of the gateway of {@code transport} and {@code agent}. */
    public static ChatRef broadcast(String transport, String agent) {
        return new ChatRef(transport, agent, BROADCAST, null);
    }

    /** ductor's {@code sessions.json} key: {@code "<transport>:<chat_id>[:<topic_id>]"}. */
    public String storageKey() {
        return topicId == null ? transport + ":" + chatId : transport + ":" + chatId + ":" + topicId;
    }
}
