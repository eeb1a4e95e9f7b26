package dev.ductor.gateway.telegram.api;

import com.pengrad.telegrambot.model.Update;
import dev.ductor.model.Button;
import dev.ductor.model.SyncCommands;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** The part of the Telegram Bot API this gateway uses. Sending calls never throw: they answer an {@link ApiResult}. */
public interface TelegramPort {

    BotIdentity getMe();

    List<Update> getUpdates(int offset, int limit, int timeoutSeconds);

    /** Sends {@code text}, as Telegram HTML when {@code html}, else as plain text. */
    ApiResult sendMessage(
            long chatId,
            @Nullable Long threadId,
            String text,
            boolean html,
            @Nullable Integer replyTo,
            List<List<Button>> buttons);

    /**
     * Shows {@code text} as the private chat's draft {@code draftId} (Bot API 9.3 {@code sendMessageDraft}): a
     * preview of a message still being written, animated from one call to the next, gone about 30 s after
     * the last; the finished message is sent with {@link #sendMessage}.
     */
    ApiResult sendMessageDraft(long chatId, @Nullable Long threadId, int draftId, String text, boolean html);

    ApiResult editMessageText(long chatId, int messageId, String text, boolean html, List<List<Button>> buttons);

    ApiResult deleteMessage(long chatId, int messageId);

    ApiResult sendChatAction(long chatId, @Nullable Long threadId, String action);

    ApiResult answerCallbackQuery(String callbackId, @Nullable String text);

    ApiResult setMyCommands(List<SyncCommands.BotCommand> commands);

    ApiResult leaveChat(long chatId);

    /** Pins a message without notifying the members. */
    ApiResult pinChatMessage(long chatId, int messageId);

    /**
     * Fetches a file the user sent into {@code target}: getFile, then the download, streamed to disk with
     * connect and read timeouts. Refused before a byte moves when Telegram says the file is larger than
     * {@code maxBytes}, cut off when more arrives ({@link FileTooLargeException}; nothing is left behind).
     * No message of its exceptions contains the bot token.
     */
    void downloadFile(String fileId, Path target, long maxBytes)
            throws TelegramUnavailableException, FileTooLargeException;

    ApiResult sendPhoto(
            long chatId, @Nullable Long threadId, Path file, @Nullable String caption, @Nullable Integer replyTo);

    /** A photo with a caption ({@code html}: parse mode HTML) and an inline keyboard under it. */
    ApiResult sendPhoto(
            long chatId,
            @Nullable Long threadId,
            Path file,
            String caption,
            boolean html,
            List<List<Button>> buttons,
            @Nullable Integer replyTo);

    /** Replaces the caption of a photo; the inline keyboard goes unless {@code buttons} names one. */
    ApiResult editMessageCaption(long chatId, int messageId, String caption, boolean html, List<List<Button>> buttons);

    ApiResult sendDocument(
            long chatId, @Nullable Long threadId, Path file, @Nullable String caption, @Nullable Integer replyTo);
}
