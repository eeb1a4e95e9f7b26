package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.ChatRef;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the files an answer names in {@code <file:…>} tags (spec §3.14): raster images as photos, the
 * rest as documents, in the answer's topic, each checked against {@code file_access} first.
 */
final class FileTags {

    private static final Logger log = LoggerFactory.getLogger(FileTags.class);
    private static final Set<String> PHOTO = Set.of(".jpg", ".jpeg", ".png", ".gif", ".webp", ".bmp");

    private final TelegramPort telegram;
    private final Outbox outbox;
    private final Supplier<String> fileAccess;
    private final Path workspace;
    private final Path home;

    FileTags(TelegramPort telegram, Outbox outbox, Supplier<String> fileAccess, Path workspace, Path home) {
        this.telegram = telegram;
        this.outbox = outbox;
        this.fileAccess = fileAccess;
        this.workspace = workspace;
        this.home = home;
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
        Path file = allowed(tag);
        if (file == null) {
            log.warn("Refusing to send {}: outside file_access={}", tag, fileAccess.get());
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
                        () -> photo
                                ? telegram.sendPhoto(chatId, threadId, file, null, null)
                                : telegram.sendDocument(chatId, threadId, file, null, null))
                .future()
                .thenCompose(result -> result.ok()
                        ? CompletableFuture.completedFuture(null)
                        : text(chatId, threadId, "[Failed to send: " + escape(name) + "]"));
    }

    /** The file to send, or null when {@code file_access} does not allow it (or the path is malformed). */
    @Nullable
    Path allowed(String tag) {
        for (char c : tag.toCharArray()) {
            if (c < 0x20 && c != '\n') {
                return null;
            }
        }
        Path path = workspace.resolve(tag.strip()).normalize();
        try {
            if (Files.exists(path)) {
                path = path.toRealPath();
            }
        } catch (IOException e) {
            return null;
        }
        String access = fileAccess.get();
        if ("all".equals(access)) {
            return path;
        }
        Path root = "home".equals(access) ? home : workspace;
        try {
            root = Files.exists(root) ? root.toRealPath() : root.normalize();
        } catch (IOException e) {
            return null;
        }
        return path.startsWith(root) ? path : null;
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
