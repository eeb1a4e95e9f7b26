package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.ChatRef;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the files an answer names in {@code <file:…>} tags (behaviour §3.14): raster images as photos, the
 * rest as documents, in the answer's topic, each checked by {@link SendableFiles} first.
 */
final class FileTags {

    private static final Logger log = LoggerFactory.getLogger(FileTags.class);
    private static final Set<String> PHOTO = Set.of(".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp");

    private final TelegramPort telegram;
    private final Outbox outbox;
    private final SendableFiles sendable;
    private final Path workspace;

    FileTags(TelegramPort telegram, Outbox outbox, SendableFiles sendable, Path workspace) {
        this.telegram = telegram;
        this.outbox = outbox;
        this.sendable = sendable;
        this.workspace = workspace;
    }

    CompletableFuture<Void> send(long chatId, @Nullable Long threadId, List<String> paths) {
        CompletableFuture<Void> chain = CompletableFuture.completedFuture(null);
        for (String path : paths) {
            chain = chain.thenCompose(v -> sendOne(chatId, threadId, path));
        }
        return chain;
    }

    CompletableFuture<Void> send(ChatRef chat, List<String> paths) {
        return send(chat.chatId(), chat.topicId(), paths);
    }

    private CompletableFuture<Void> sendOne(long chatId, @Nullable Long threadId, String tag) {
        String clean = tag.replaceAll("[\\x00-\\x1f]", "").strip();
        int slash = Math.max(clean.lastIndexOf('/'), clean.lastIndexOf('\\'));
        String name = slash >= 0 ? clean.substring(slash + 1) : clean;
        Path file = sendable.resolve(workspace, tag);
        if (file == null) {
            log.warn("Refusing to send {}: outside file_access={} or a secret", tag, sendable.access());
            return text(
                    chatId,
                    threadId,
                    "Could not send <code>" + escape(name) + "</code> — file is outside the allowed directory.\n\n"
                            + "Fix: set <code>\"file_access\": \"all\"</code> in <code>config.json</code>, then"
                            + " <b>/restart</b>.");
        }
        if (!Files.isRegularFile(file)) {
            return text(chatId, threadId, "[File not found: " + escape(name) + "]");
        }
        boolean photo =
                PHOTO.stream().anyMatch(ext -> name.toLowerCase(Locale.ROOT).endsWith(ext));
        return outbox.submit(
                        chatId,
                        true,
                        0,
                        Outbox.upload(
                                photo ? "sendPhoto" : "sendDocument",
                                file,
                                () -> photo
                                        ? telegram.sendPhoto(chatId, threadId, file, null, null)
                                        : telegram.sendDocument(chatId, threadId, file, null, null)))
                .future()
                .thenCompose(result -> result.ok()
                        ? CompletableFuture.completedFuture(null)
                        : text(chatId, threadId, "[Failed to send: " + escape(name) + "]"));
    }

    private CompletableFuture<Void> text(long chatId, @Nullable Long threadId, String html) {
        return outbox.submit(chatId, true, 0, () -> telegram.sendMessage(chatId, threadId, html, true, null, List.of()))
                .future()
                .thenApply(r -> (Void) null);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
