package dev.ductor.systemtests;

import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * One conversation a scenario drives through the fake Telegram: a private chat, or a forum topic of the
 * test group, and the user writing in it; what the user sends and what the bot answered there.
 */
record Conversation(long chatId, @Nullable Long topic, long user) {

    /** How long a turn may take before a scenario gives up waiting for its answer. */
    static final Duration TURN = Duration.ofSeconds(30);

    static Conversation privateChat(long user) {
        return new Conversation(user, null, user);
    }

    static Conversation topic(long topic, long user) {
        return new Conversation(DuctorStack.GROUP, topic, user);
    }

    /** The user sends {@code text}; returns its message id. */
    int send(FakeTelegram telegram, String text) {
        var message = telegram.userMessage(chatId, user, text);
        if (topic != null) {
            message.supergroup("Projects").topic(topic);
        }
        return message.send();
    }

    /** Every message the bot sent in the conversation, deleted ones included. */
    List<BotMessage> all(FakeTelegram telegram) {
        return telegram.chat(chatId).stream()
                .filter(m -> Objects.equals(m.threadId(), topic))
                .toList();
    }

    List<BotMessage> replies(FakeTelegram telegram, int to) {
        return all(telegram).stream()
                .filter(m -> Objects.equals(m.replyTo(), to))
                .toList();
    }

    /** The first reply to {@code to} with text that matches. */
    Optional<BotMessage> reply(FakeTelegram telegram, int to, Predicate<BotMessage> matching) {
        return replies(telegram, to).stream()
                .filter(m -> !m.text().isBlank())
                .filter(matching)
                .findFirst();
    }

    BotMessage awaitReply(FakeTelegram telegram, int to, Predicate<BotMessage> matching) {
        await("a reply to message " + to + " in " + this)
                .atMost(TURN)
                .until(() -> reply(telegram, to, matching).isPresent());
        return reply(telegram, to, matching).orElseThrow();
    }
}
