package dev.ductor.gateway.telegram.inbound;

import com.pengrad.telegrambot.model.CallbackQuery;
import com.pengrad.telegrambot.model.Chat;
import com.pengrad.telegrambot.model.ChatMemberUpdated;
import com.pengrad.telegrambot.model.Message;
import com.pengrad.telegrambot.model.MessageEntity;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.User;
import com.pengrad.telegrambot.model.message.MaybeInaccessibleMessage;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.TelegramAllowlist;
import dev.ductor.gateway.telegram.api.BotIdentity;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatMembershipChanged;
import dev.ductor.model.ChatRef;
import dev.ductor.model.ChatType;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.TopicRenamed;
import dev.ductor.model.Transport;
import java.time.Instant;
import java.util.Locale;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Translates a Telegram update into the bus contract (behaviour §3.1, §3.3): messages (text or caption),
 * button presses, membership changes and forum topic names. Everything else is "unsupported".
 *
 * <p>The trust boundary (docs/design.md, "Trust boundaries"): before anything is downloaded or answered,
 * the sender is checked against the live allowlist ({@link TelegramAllowlist}, the orchestrator's rule
 * too). A stranger's message, button press or topic name is dropped ("unauthorized") — nothing of it is
 * stored, published or answered — with one exception: a message in a group that is not on
 * {@code allowed_group_ids} is published as its address only (empty text, no files), so the orchestrator
 * can list the group under "rejected" in {@code /where}; it never answers it. Membership changes are
 * always published: leaving a group that is not allowed is the orchestrator's job.
 */
final class UpdateConverter {

    private final String agent;
    private final BotIdentity bot;
    private final @Nullable MediaDownloads media;
    private final Supplier<DuctorConfig> config;

    UpdateConverter(String agent, BotIdentity bot, Supplier<DuctorConfig> config) {
        this(agent, bot, null, config);
    }

    UpdateConverter(String agent, BotIdentity bot, @Nullable MediaDownloads media, Supplier<DuctorConfig> config) {
        this.agent = agent;
        this.bot = bot;
        this.media = media;
        this.config = config;
    }

    Converted convert(Update update) {
        if (update.message() != null) {
            return message(update.message());
        }
        if (update.callbackQuery() != null) {
            return callback(update.callbackQuery());
        }
        if (update.myChatMember() != null) {
            return membership(update.updateId(), update.myChatMember());
        }
        return Converted.unsupported(update.editedMessage() != null ? "edited_message" : "other");
    }

    private Converted message(Message message) {
        Chat chat = message.chat();
        ChatRef ref = chatRef(chat, message);
        String messageId = "tg:" + chat.id() + ":" + message.messageId();
        DuctorConfig current = config.get();
        boolean topicName = message.forumTopicCreated() != null
                || (message.forumTopicEdited() != null
                        && message.forumTopicEdited().name() != null);
        if (topicName && !TelegramAllowlist.chatAllowed(current, chatType(chat), chat.id())) {
            return Converted.unsupported("unauthorized"); // a stranger group's topic names are not ours to keep
        }
        if (message.forumTopicCreated() != null) {
            return new Converted(
                    "topic", new TopicRenamed(ref, message.forumTopicCreated().name()), messageId);
        }
        if (message.forumTopicEdited() != null && message.forumTopicEdited().name() != null) {
            return new Converted(
                    "topic", new TopicRenamed(ref, message.forumTopicEdited().name()), messageId);
        }
        String text = message.text() != null ? message.text() : message.caption();
        User from = message.from();
        IncomingMedia incoming = media == null ? null : IncomingMedia.of(message);
        if (from == null || (text == null && incoming == null)) {
            return Converted.unsupported("message");
        }
        if (!TelegramAllowlist.allows(current, chatType(chat), chat.id(), from.id())) {
            return stranger(current, chat, ref, from, message, messageId);
        }
        if (text == null) {
            text = "";
        }
        if (chat.type() != Chat.Type.Private && commandForAnotherBot(message, text)) {
            return Converted.unsupported("other_bot_command"); // behaviour §3.3: /cmd@otherbot is always dropped
        }
        boolean addressed = addressed(chat, message, text);
        text = stripMention(text);
        if (incoming != null && media != null && (addressed || !current.groupMentionOnly())) {
            // behaviour §3.8: the group drop check comes first, so unaddressed media is not even downloaded
            String prompt = media.prompt(incoming, text.isBlank() ? null : text);
            if (prompt == null) {
                return Converted.unsupported("media_download_failed");
            }
            text = prompt;
        }
        var inbound = new InboundMessage(
                ref,
                chatType(chat),
                from.id(),
                userName(from),
                String.valueOf(message.messageId()),
                text,
                quotedText(message),
                addressed,
                Instant.ofEpochSecond(message.date() == null ? 0 : message.date()));
        return new Converted("message", inbound, messageId);
    }

    /**
     * A message from someone the allowlist does not let in: dropped, except that a group not on the
     * allowlist is reported by its address alone (no text, no files) for {@code /where}.
     */
    private Converted stranger(
            DuctorConfig current, Chat chat, ChatRef ref, User from, Message message, String messageId) {
        String type = chatType(chat);
        boolean group = ChatType.of(type).group();
        if (!group || TelegramAllowlist.chatAllowed(current, type, chat.id())) {
            return Converted.unsupported("unauthorized");
        }
        var addressOnly = new InboundMessage(
                ref,
                type,
                from.id(),
                String.valueOf(from.id()),
                String.valueOf(message.messageId()),
                "",
                null,
                false,
                Instant.ofEpochSecond(message.date() == null ? 0 : message.date()));
        return new Converted("rejected_group", addressOnly, messageId);
    }

    private Converted callback(CallbackQuery query) {
        MaybeInaccessibleMessage source = query.maybeInaccessibleMessage();
        if (source == null || source.chat() == null || query.from() == null) {
            return Converted.unsupported("callback_query");
        }
        if (!TelegramAllowlist.allows(
                config.get(),
                chatType(source.chat()),
                source.chat().id(),
                query.from().id())) {
            return Converted.unsupported("unauthorized"); // no [USER ANSWER], no keyboard change, nothing published
        }
        Message accessible = source instanceof Message m ? m : null;
        var pressed = new ButtonPressed(
                chatRef(source.chat(), accessible),
                chatType(source.chat()),
                query.from().id(),
                query.id(),
                String.valueOf(source.messageId()),
                query.data() == null ? "" : query.data());
        return new Converted("callback_query", pressed, "tg:cb:" + query.id());
    }

    private Converted membership(Integer updateId, ChatMemberUpdated change) {
        Chat chat = change.chat();
        String title = chat.title() != null ? chat.title() : chat.firstName() != null ? chat.firstName() : "";
        String status = change.newChatMember() == null || change.newChatMember().status() == null
                ? "unknown"
                : change.newChatMember().status().name().toLowerCase(Locale.ROOT);
        long by = change.from() == null ? 0 : change.from().id();
        var changed = new ChatMembershipChanged(
                new ChatRef(Transport.TELEGRAM.code(), agent, chat.id(), null), chatType(chat), title, status, by);
        return new Converted("my_chat_member", changed, "tg:member:" + chat.id() + ":" + updateId);
    }

    private ChatRef chatRef(Chat chat, @Nullable Message message) {
        Long topic =
                message != null && Boolean.TRUE.equals(message.isTopicMessage()) ? message.messageThreadId() : null;
        return new ChatRef(Transport.TELEGRAM.code(), agent, chat.id(), topic);
    }

    /** The chat's type in Telegram's words; {@code unknown} when Telegram sent none we know (refused). */
    static String chatType(Chat chat) {
        return chat.type() == null ? "unknown" : chat.type().name().toLowerCase(Locale.ROOT);
    }

    /** The name the bot greets the user by (ductor's welcome uses the first name), else the @username. */
    private static String userName(User from) {
        if (from.firstName() != null && !from.firstName().isBlank()) {
            return from.firstName();
        }
        return from.username() != null && !from.username().isBlank() ? from.username() : String.valueOf(from.id());
    }

    private static @Nullable String quotedText(Message message) {
        if (message.quote() != null && message.quote().text() != null) {
            return message.quote().text();
        }
        Message replied = message.replyToMessage();
        if (replied == null) {
            return null;
        }
        return replied.text() != null ? replied.text() : replied.caption();
    }

    /** Private chats always; groups when replying to the bot, mentioning it or using /cmd@bot (behaviour §3.3). */
    private boolean addressed(Chat chat, Message message, String text) {
        if (chat.type() == Chat.Type.Private) {
            return true;
        }
        Message replied = message.replyToMessage();
        if (replied != null && replied.from() != null && replied.from().id() == bot.id()) {
            return true;
        }
        String tag = "@" + bot.username().toLowerCase(Locale.ROOT);
        MessageEntity[] entities = message.text() != null ? message.entities() : message.captionEntities();
        if (entities == null) {
            return false;
        }
        for (MessageEntity entity : entities) {
            String part = slice(text, entity).toLowerCase(Locale.ROOT);
            if (entity.type() == MessageEntity.Type.mention && part.equals(tag)) {
                return true;
            }
            if (entity.type() == MessageEntity.Type.bot_command && part.endsWith(tag)) {
                return true;
            }
        }
        return false;
    }

    /** A bot_command entity with an {@code @tag} that is not this bot's. */
    private boolean commandForAnotherBot(Message message, String text) {
        MessageEntity[] entities = message.text() != null ? message.entities() : message.captionEntities();
        if (entities == null) {
            return false;
        }
        String tag = "@" + bot.username().toLowerCase(Locale.ROOT);
        for (MessageEntity entity : entities) {
            String part = slice(text, entity).toLowerCase(Locale.ROOT);
            if (entity.type() == MessageEntity.Type.bot_command && part.contains("@") && !part.endsWith(tag)) {
                return true;
            }
        }
        return false;
    }

    /** behaviour §3.3: the first {@code @botusername} goes (case-insensitive) unless nothing would be left. */
    private String stripMention(String text) {
        String tag = "@" + bot.username();
        int at = text.toLowerCase(Locale.ROOT).indexOf(tag.toLowerCase(Locale.ROOT));
        if (at < 0) {
            return text;
        }
        String stripped = (text.substring(0, at) + text.substring(at + tag.length()))
                .replaceAll("[ \t]{2,}", " ")
                .strip();
        return stripped.isEmpty() ? text : stripped;
    }

    private static String slice(String text, MessageEntity entity) {
        int start = entity.offset() == null ? 0 : entity.offset();
        int end = start + (entity.length() == null ? 0 : entity.length());
        if (start < 0 || end > text.length() || start > end) {
            return "";
        }
        return text.substring(start, end);
    }
}
