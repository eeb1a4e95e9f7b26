package dev.ductor.testkit.telegram;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A message the bot made visible in a chat, as the user sees it now: {@code text} is what is shown,
 * {@code source} what the bot sent (with its HTML markup when {@code parseMode} is HTML).
 */
public record BotMessage(
        int id,
        long chatId,
        String text,
        String source,
        @Nullable Integer replyTo,
        @Nullable Long threadId,
        @Nullable String parseMode,
        List<List<FakeButton>> buttons,
        int editCount,
        boolean deleted,
        @Nullable String documentName) {}
