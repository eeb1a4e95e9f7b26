package dev.ductor.gateway.telegram.api;

import com.pengrad.telegrambot.TelegramBot;
import com.pengrad.telegrambot.model.BotCommand;
import com.pengrad.telegrambot.model.Update;
import com.pengrad.telegrambot.model.request.InlineKeyboardButton;
import com.pengrad.telegrambot.model.request.InlineKeyboardMarkup;
import com.pengrad.telegrambot.model.request.ParseMode;
import com.pengrad.telegrambot.model.request.ReplyParameters;
import com.pengrad.telegrambot.request.AbstractSendRequest;
import com.pengrad.telegrambot.request.AnswerCallbackQuery;
import com.pengrad.telegrambot.request.BaseRequest;
import com.pengrad.telegrambot.request.DeleteMessage;
import com.pengrad.telegrambot.request.EditMessageCaption;
import com.pengrad.telegrambot.request.EditMessageText;
import com.pengrad.telegrambot.request.GetFile;
import com.pengrad.telegrambot.request.GetMe;
import com.pengrad.telegrambot.request.GetUpdates;
import com.pengrad.telegrambot.request.LeaveChat;
import com.pengrad.telegrambot.request.PinChatMessage;
import com.pengrad.telegrambot.request.SendChatAction;
import com.pengrad.telegrambot.request.SendDocument;
import com.pengrad.telegrambot.request.SendMessage;
import com.pengrad.telegrambot.request.SendMessageDraft;
import com.pengrad.telegrambot.request.SendPhoto;
import com.pengrad.telegrambot.request.SetMyCommands;
import com.pengrad.telegrambot.response.BaseResponse;
import com.pengrad.telegrambot.response.GetFileResponse;
import com.pengrad.telegrambot.response.GetMeResponse;
import com.pengrad.telegrambot.response.GetUpdatesResponse;
import com.pengrad.telegrambot.response.SendResponse;
import dev.ductor.model.Button;
import dev.ductor.model.SyncCommands;
import dev.ductor.state.BoundedFiles;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/** {@link TelegramPort} on pengrad's {@link TelegramBot}, against a configurable Bot API server. */
public final class PengradTelegramPort implements TelegramPort {

    private final TelegramBot bot;
    private final TelegramMetrics metrics;
    private final String token;
    /** Where files are downloaded from; contains the token, so it is never logged. */
    private final String fileBase;
    /** Downloads only: bounded connect, read and whole-call time, apart from the long-poll's client. */
    private final OkHttpClient files;

    public PengradTelegramPort(String apiUrl, String token, int pollTimeoutSeconds, TelegramMetrics metrics) {
        String base = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        OkHttpClient http = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .writeTimeout(Duration.ofSeconds(60))
                .readTimeout(Duration.ofSeconds(pollTimeoutSeconds + 20L))
                .build();
        this.token = token;
        this.fileBase = base + "/file/bot" + token + "/";
        this.files = new OkHttpClient.Builder()
                .connectTimeout(Duration.ofSeconds(10))
                .readTimeout(Duration.ofSeconds(30))
                .callTimeout(Duration.ofMinutes(5))
                .build();
        this.bot = new TelegramBot.Builder(token)
                .apiUrl(base + "/bot")
                .fileApiUrl(base + "/file/bot")
                .okHttpClient(http)
                .build();
        this.metrics = metrics;
    }

    @Override
    public BotIdentity getMe() {
        GetMeResponse response = bot.execute(new GetMe());
        metrics.apiCall(result("getMe", response, null));
        if (!response.isOk() || response.user() == null) {
            throw new TelegramUnavailableException(
                    "getMe failed: " + response.errorCode() + " " + response.description());
        }
        return new BotIdentity(
                response.user().id(), String.valueOf(response.user().username()));
    }

    @Override
    public List<Update> getUpdates(int offset, int limit, int timeoutSeconds) {
        GetUpdatesResponse response;
        try {
            response = bot.execute(new GetUpdates().offset(offset).limit(limit).timeout(timeoutSeconds));
        } catch (RuntimeException e) {
            metrics.apiCall(ApiResult.unreachable("getUpdates", redact(String.valueOf(e.getMessage()))));
            throw new TelegramUnavailableException("getUpdates failed: " + redact(String.valueOf(e.getMessage())));
        }
        metrics.apiCall(result("getUpdates", response, null));
        if (!response.isOk() || response.updates() == null) {
            throw new TelegramUnavailableException(
                    "getUpdates failed: " + response.errorCode() + " " + response.description());
        }
        return response.updates();
    }

    @Override
    public ApiResult sendMessage(
            long chatId,
            @Nullable Long threadId,
            String text,
            boolean html,
            @Nullable Integer replyTo,
            List<List<Button>> buttons) {
        SendMessage request = new SendMessage(chatId, text);
        if (html) {
            request.parseMode(ParseMode.HTML);
        }
        return call("sendMessage", placed(request, threadId, replyTo, buttons));
    }

    @Override
    public ApiResult sendMessageDraft(long chatId, @Nullable Long threadId, int draftId, String text, boolean html) {
        SendMessageDraft request = new SendMessageDraft(chatId, draftId, text);
        if (html) {
            request.parseMode(ParseMode.HTML);
        }
        if (threadId != null) {
            request.messageThreadId(threadId);
        }
        return call("sendMessageDraft", request);
    }

    @Override
    public ApiResult editMessageText(
            long chatId, int messageId, String text, boolean html, List<List<Button>> buttons) {
        EditMessageText request = new EditMessageText(chatId, messageId, text);
        if (html) {
            request.parseMode(ParseMode.HTML);
        }
        if (!buttons.isEmpty()) {
            request.replyMarkup(keyboard(buttons));
        }
        return call("editMessageText", request);
    }

    @Override
    public ApiResult deleteMessage(long chatId, int messageId) {
        return call("deleteMessage", new DeleteMessage(chatId, messageId));
    }

    @Override
    public ApiResult sendChatAction(long chatId, @Nullable Long threadId, String action) {
        SendChatAction request = new SendChatAction(chatId, action);
        if (threadId != null) {
            request.messageThreadId(threadId);
        }
        return call("sendChatAction", request);
    }

    @Override
    public ApiResult answerCallbackQuery(String callbackId, @Nullable String text) {
        AnswerCallbackQuery request = new AnswerCallbackQuery(callbackId);
        if (text != null && !text.isBlank()) {
            request.text(text);
        }
        return call("answerCallbackQuery", request);
    }

    @Override
    public ApiResult setMyCommands(List<SyncCommands.BotCommand> commands) {
        BotCommand[] converted = commands.stream()
                .map(c -> new BotCommand(c.command(), c.description()))
                .toArray(BotCommand[]::new);
        return call("setMyCommands", new SetMyCommands(converted));
    }

    @Override
    public ApiResult leaveChat(long chatId) {
        return call("leaveChat", new LeaveChat(chatId));
    }

    @Override
    public ApiResult pinChatMessage(long chatId, int messageId) {
        return call("pinChatMessage", new PinChatMessage(chatId, messageId).disableNotification(true));
    }

    @Override
    public ApiResult sendDocument(
            long chatId, @Nullable Long threadId, Path file, @Nullable String caption, @Nullable Integer replyTo) {
        SendDocument request = new SendDocument(chatId, file.toFile());
        if (caption != null && !caption.isBlank()) {
            request.caption(caption);
        }
        return call("sendDocument", placed(request, threadId, replyTo, List.of()));
    }

    @Override
    public void downloadFile(String fileId, Path target, long maxBytes) {
        GetFileResponse response;
        try {
            response = bot.execute(new GetFile(fileId));
        } catch (RuntimeException e) {
            metrics.apiCall(ApiResult.unreachable("getFile", redact(e.toString())));
            throw new TelegramUnavailableException("getFile failed: " + redact(e.toString()));
        }
        metrics.apiCall(result("getFile", response, null));
        if (!response.isOk() || response.file() == null || response.file().filePath() == null) {
            String why =
                    "getFile failed: " + response.errorCode() + " " + redact(String.valueOf(response.description()));
            if (response.errorCode() == 400
                    && String.valueOf(response.description()).contains("file is too big")) {
                throw new FileTooLargeException(why); // the Bot API serves at most 20 MB
            }
            if (refusedForGood(response.errorCode())) {
                throw new FileRefusedException(why);
            }
            throw new TelegramUnavailableException(why);
        }
        Long size = response.file().fileSize();
        if (size != null && size > maxBytes) {
            throw new FileTooLargeException("file " + fileId + " has " + size + " bytes, more than " + maxBytes);
        }
        Request request =
                new Request.Builder().url(fileBase + response.file().filePath()).build();
        try (Response download = files.newCall(request).execute()) {
            if (!download.isSuccessful()) {
                String why = "downloading " + fileId + " failed: HTTP " + download.code();
                throw refusedForGood(download.code())
                        ? new FileRefusedException(why)
                        : new TelegramUnavailableException(why);
            }
            if (download.body().contentLength() > maxBytes) {
                throw new FileTooLargeException(
                        "file " + fileId + " has " + download.body().contentLength() + " bytes, more than " + maxBytes);
            }
            BoundedFiles.write(target, download.body().byteStream(), maxBytes);
        } catch (BoundedFiles.TooLargeException e) {
            throw new FileTooLargeException("file " + fileId + " has " + e.getMessage());
        } catch (IOException | RuntimeException e) {
            if (e instanceof FileRefusedException || e instanceof TelegramUnavailableException) {
                throw (RuntimeException) e;
            }
            // never the URL: it contains the token (redact is the backstop for a library that puts it in)
            throw new TelegramUnavailableException("downloading " + fileId + " failed: "
                    + redact(e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    /** A client error other than 429 (too many requests): the same request would be refused again. */
    private static boolean refusedForGood(int status) {
        return status >= 400 && status < 500 && status != 429;
    }

    /**
     * Where a sent message goes and what it carries besides its content, the same for every kind of send: the
     * topic, the message it answers (sent anyway when that one is gone) and the buttons.
     */
    private <R extends AbstractSendRequest<R>> R placed(
            R request, @Nullable Long threadId, @Nullable Integer replyTo, List<List<Button>> buttons) {
        if (threadId != null) {
            request.messageThreadId(threadId);
        }
        if (replyTo != null) {
            request.replyParameters(new ReplyParameters(replyTo).allowSendingWithoutReply(true));
        }
        if (!buttons.isEmpty()) {
            request.replyMarkup(keyboard(buttons));
        }
        return request;
    }

    /** {@code text} with the bot token masked, for anything that may have seen a URL. */
    String redact(String text) {
        return text.replace(token, "<token>");
    }

    @Override
    public ApiResult sendPhoto(
            long chatId, @Nullable Long threadId, Path file, @Nullable String caption, @Nullable Integer replyTo) {
        SendPhoto request = new SendPhoto(chatId, file.toFile());
        if (caption != null && !caption.isBlank()) {
            request.caption(caption);
        }
        return call("sendPhoto", placed(request, threadId, replyTo, List.of()));
    }

    @Override
    public ApiResult sendPhoto(
            long chatId,
            @Nullable Long threadId,
            Path file,
            String caption,
            boolean html,
            List<List<Button>> buttons,
            @Nullable Integer replyTo) {
        SendPhoto request = new SendPhoto(chatId, file.toFile()).caption(caption);
        if (html) {
            request.parseMode(ParseMode.HTML);
        }
        return call("sendPhoto", placed(request, threadId, replyTo, buttons));
    }

    @Override
    public ApiResult editMessageCaption(
            long chatId, int messageId, String caption, boolean html, List<List<Button>> buttons) {
        EditMessageCaption request = new EditMessageCaption(chatId, messageId).caption(caption);
        if (html) {
            request.parseMode(ParseMode.HTML);
        }
        if (!buttons.isEmpty()) {
            request.replyMarkup(keyboard(buttons));
        }
        return call("editMessageCaption", request);
    }

    private static InlineKeyboardMarkup keyboard(List<List<Button>> buttons) {
        InlineKeyboardMarkup markup = new InlineKeyboardMarkup();
        for (List<Button> row : buttons) {
            markup.addRow(row.stream()
                    .map(b -> new InlineKeyboardButton(b.label()).callbackData(b.data()))
                    .toArray(InlineKeyboardButton[]::new));
        }
        return markup;
    }

    private <T extends BaseRequest<T, R>, R extends BaseResponse> ApiResult call(
            String method, BaseRequest<T, R> request) {
        ApiResult result;
        try {
            R response = bot.execute(request);
            Integer messageId = response instanceof SendResponse sent && sent.message() != null
                    ? sent.message().messageId()
                    : null;
            result = result(method, response, messageId);
        } catch (RuntimeException e) {
            result = ApiResult.unreachable(method, redact(String.valueOf(e.getMessage())));
        }
        metrics.apiCall(result);
        return result;
    }

    private static ApiResult result(String method, BaseResponse response, @Nullable Integer messageId) {
        if (response.isOk()) {
            return ApiResult.success(method, messageId);
        }
        Integer retryAfter =
                response.parameters() == null ? null : response.parameters().retryAfter();
        return new ApiResult(
                method, false, response.errorCode(), String.valueOf(response.description()), retryAfter, null);
    }
}
