package dev.ductor.testkit.telegram;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.node.ObjectNode;

/** Builds a user's message update: private by default, or in a group, a forum topic, as a reply. */
public final class UserMessage {

    private final FakeTelegram fake;
    private final long chatId;
    private final long userId;
    private final String text;
    private String chatType;
    private String title = "Test group";
    private @Nullable String username;
    private String firstName;
    private @Nullable Long threadId;
    private @Nullable Integer replyTo;
    private @Nullable String quote;
    private boolean caption;
    private final List<ObjectNode> entities = new ArrayList<>();

    UserMessage(FakeTelegram fake, long chatId, long userId, String text) {
        this.fake = fake;
        this.chatId = chatId;
        this.userId = userId;
        this.text = text;
        this.chatType = chatId < 0 ? "supergroup" : "private";
        this.firstName = "User" + userId;
    }

    public UserMessage group(String title) {
        this.chatType = "group";
        this.title = title;
        return this;
    }

    public UserMessage supergroup(String title) {
        this.chatType = "supergroup";
        this.title = title;
        return this;
    }

    public UserMessage username(String username) {
        this.username = username;
        return this;
    }

    public UserMessage firstName(String firstName) {
        this.firstName = firstName;
        return this;
    }

    /** Posts into a forum topic ({@code message_thread_id}, {@code is_topic_message}). */
    public UserMessage topic(long threadId) {
        this.threadId = threadId;
        return this;
    }

    /** Replies to a message of this chat (the bot's, if it sent one with that id). */
    public UserMessage replyTo(int messageId) {
        this.replyTo = messageId;
        return this;
    }

    /** Quotes part of the replied-to message. */
    public UserMessage quote(String quote) {
        this.quote = quote;
        return this;
    }

    /** Sends the text as a photo caption instead of a text message. */
    public UserMessage asCaption() {
        this.caption = true;
        return this;
    }

    /** Adds an entity, e.g. {@code entity("mention", 0, 9)} or {@code entity("bot_command", 0, 6)}. */
    public UserMessage entity(String type, int offset, int length) {
        ObjectNode entity = fake.mapper().createObjectNode();
        entity.put("type", type);
        entity.put("offset", offset);
        entity.put("length", length);
        entities.add(entity);
        return this;
    }

    /** Adds a {@code mention} entity for the first occurrence of {@code @botusername} in the text. */
    public UserMessage mentionBot() {
        String tag = "@" + fake.botUsername();
        int at = text.indexOf(tag);
        if (at < 0) {
            throw new IllegalStateException("text does not contain " + tag);
        }
        return entity("mention", at, tag.length());
    }

    /** Queues the update; returns the message id. */
    public int send() {
        int messageId = fake.nextMessageId(chatId);
        ObjectNode update = fake.mapper().createObjectNode();
        ObjectNode message = update.putObject("message");
        message.put("message_id", messageId);
        ObjectNode from = message.putObject("from");
        from.put("id", userId);
        from.put("is_bot", false);
        from.put("first_name", firstName);
        if (username != null) {
            from.put("username", username);
        }
        ObjectNode chat = message.putObject("chat");
        chat.put("id", chatId);
        chat.put("type", chatType);
        if (chatType.equals("private")) {
            chat.put("first_name", firstName);
        } else {
            chat.put("title", title);
            if (threadId != null) {
                chat.put("is_forum", true);
            }
        }
        message.put("date", Instant.now().getEpochSecond());
        if (threadId != null) {
            message.put("message_thread_id", threadId);
            message.put("is_topic_message", true);
        }
        if (replyTo != null) {
            ObjectNode replied = fake.botMessageJson(chatId, replyTo);
            if (replied == null) {
                replied = fake.mapper().createObjectNode();
                replied.put("message_id", replyTo);
                replied.set("chat", chat.deepCopy());
                replied.put("date", Instant.now().getEpochSecond());
            }
            message.set("reply_to_message", replied);
            if (quote != null) {
                message.putObject("quote").put("text", quote).put("position", 0);
            }
        }
        if (caption) {
            message.put("caption", text);
            message.putArray("photo")
                    .addObject()
                    .put("file_id", "photo-" + messageId)
                    .put("file_unique_id", "up-" + messageId)
                    .put("width", 1)
                    .put("height", 1);
            if (!entities.isEmpty()) {
                message.putArray("caption_entities").addAll(entities);
            }
        } else {
            message.put("text", text);
            if (!entities.isEmpty()) {
                message.putArray("entities").addAll(entities);
            }
        }
        fake.queueUpdate(update);
        return messageId;
    }
}
