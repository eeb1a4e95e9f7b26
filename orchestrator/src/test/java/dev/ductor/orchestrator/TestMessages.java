package dev.ductor.orchestrator;

import dev.ductor.model.ChatRef;
import dev.ductor.model.InboundMessage;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/** Small builders shared by the orchestrator's unit tests. */
public final class TestMessages {

    private TestMessages() {}

    public static ChatRef chat(long chatId) {
        return new ChatRef("tg", "main", chatId, null);
    }

    public static InboundMessage privateMessage(long chatId, String messageId, String text) {
        return message(chat(chatId), "private", chatId, messageId, text, null);
    }

    public static InboundMessage message(
            ChatRef chat, String chatType, long userId, String messageId, String text, @Nullable String quoted) {
        return new InboundMessage(
                chat, chatType, userId, "user" + userId, messageId, text, quoted, true, Instant.now());
    }

    /** Records how a message's delivery was settled, in order. */
    public static final class RecordingAcker implements dev.ductor.orchestrator.conversation.Acker {
        public final java.util.List<String> settled = new java.util.ArrayList<>();

        @Override
        public void ack() {
            settled.add("ack");
        }

        @Override
        public void requeue() {
            settled.add("requeue");
        }

        public @Nullable String last() {
            return settled.isEmpty() ? null : settled.getLast();
        }
    }

    /** A component built through its package-private constructor, as Spring does. */
    public static <T> T construct(Class<T> type, Object... args) throws Exception {
        for (var constructor : type.getDeclaredConstructors()) {
            if (constructor.getParameterCount() == args.length) {
                constructor.setAccessible(true);
                return type.cast(constructor.newInstance(args));
            }
        }
        throw new IllegalStateException("No constructor with " + args.length + " parameters on " + type);
    }
}
