package dev.ductor.gateway.telegram.outbound;

import dev.ductor.config.DuctorHome;
import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.TelegramMetrics;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.AcknowledgePress;
import dev.ductor.model.Button;
import dev.ductor.model.ChatAction;
import dev.ductor.model.Contract;
import dev.ductor.model.Contracts;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.LeaveChat;
import dev.ductor.model.PinMessage;
import dev.ductor.model.SendFile;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import dev.ductor.model.SyncCommands;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out one outbound contract. {@code <file:…>} and {@code [button:…]} markers are read only in the
 * agent's answer — a {@code StreamClose} marked {@code answer} (the growing text only hides them) — never
 * in a close that carries an error or notice, nor in {@code SendText} or {@code EditText}: those carry the
 * orchestrator's own texts, which echo chat metadata (topic names, group titles, user names, errors) a
 * stranger may have chosen. The returned future completes when the command is done for good
 * (Telegram accepted it, or rejected it permanently, which is logged and counted); only then is the bus
 * message acked.
 */
final class OutboundCommands {

    private static final Logger log = LoggerFactory.getLogger(OutboundCommands.class);

    private final TelegramPort telegram;
    private final Outbox outbox;
    private final Renderer renderer;
    private final SentMessages sent;
    private final DuctorHome home;
    private final TelegramMetrics metrics;
    private final CommandMenu menu;
    private final SendableFiles sendable;
    private final Pictures pictures;
    private final AnsweredButtons answers;

    OutboundCommands(
            TelegramPort telegram,
            Outbox outbox,
            Renderer renderer,
            SentMessages sent,
            DuctorHome home,
            TelegramMetrics metrics,
            CommandMenu menu,
            SendableFiles sendable,
            Pictures pictures,
            AnsweredButtons answers) {
        this.menu = menu;
        this.pictures = pictures;
        this.answers = answers;
        this.sendable = sendable;
        this.telegram = telegram;
        this.outbox = outbox;
        this.renderer = renderer;
        this.sent = sent;
        this.home = home;
        this.metrics = metrics;
    }

    CompletableFuture<Void> handle(Contract contract) {
        return switch (contract) {
            case SendText m -> sendText(m);
            case StreamOpen m -> renderer.open(m.streamId(), m.chat(), m.replyTo());
            case StreamAppend m -> renderer.append(m.streamId(), m.chat(), m.offset(), m.text());
            case StreamStatus m ->
                renderer.status(m.streamId(), m.chat(), m.seq(), StatusLine.render(m.kind(), m.label()));
            case StreamClose m -> renderer.close(m.streamId(), m.chat(), null, m.finalText(), m.buttons(), m.answer());
            case EditText m -> edit(m);
            case DeleteMessage m -> delete(m);
            case ChatAction m ->
                call(
                        contract,
                        m.chat().chatId(),
                        false,
                        () -> telegram.sendChatAction(
                                m.chat().chatId(), m.chat().topicId(), m.action()));
            case LeaveChat m ->
                call(
                        contract,
                        m.chat().chatId(),
                        false,
                        () -> telegram.leaveChat(m.chat().chatId()));
            case AcknowledgePress m ->
                call(contract, Outbox.NO_CHAT, false, () -> telegram.answerCallbackQuery(m.callbackId(), m.text()));
            case SyncCommands m -> syncCommands(m);
            case PinMessage m -> pin(m);
            case SendFile m -> sendFile(m);
            default -> {
                log.warn("Ignoring {}: not an outbound command", Contracts.typeOf(contract));
                metrics.outbound(Contracts.typeOf(contract), "ignored");
                yield CompletableFuture.completedFuture(null);
            }
        };
    }

    /** The menu goes to Telegram only when it differs from the one last set there. */
    private CompletableFuture<Void> syncCommands(SyncCommands m) {
        if (!menu.changed(m.commands())) {
            metrics.outbound("SyncCommands", "unchanged");
            return CompletableFuture.completedFuture(null);
        }
        return outbox.submit(Outbox.NO_CHAT, false, 0, () -> telegram.setMyCommands(m.commands()))
                .future()
                .thenAccept(result -> {
                    if (result.ok()) {
                        menu.synced(m.commands());
                    } else {
                        log.error(
                                "Telegram rejected the command menu: {} {}", result.errorCode(), result.description());
                        metrics.outbound("SyncCommands", "rejected");
                    }
                });
    }

    /**
     * A text, and when its chat refuses it for good (the bot removed or blocked, the chat gone: nothing of it
     * shown) and it has a fallback, the fallback instead; any other failure fails the command (behaviour
     * §6.1: a cron result for a group the bot was removed from reaches the first allowed user).
     */
    private CompletableFuture<Void> sendText(SendText m) {
        String image = m.image();
        if (image != null && m.fallback() == null) {
            Optional<Path> picture = pictures.find(image);
            if (picture.isPresent()) {
                return sendWithPicture(m, picture.get());
            }
        }
        CompletableFuture<Void> sent =
                renderer.close(m.outboundRef(), m.chat(), m.replyTo(), m.text(), m.buttons(), false);
        SendText.Fallback fallback = m.fallback();
        if (fallback == null) {
            return sent;
        }
        return sent.exceptionallyCompose(failed -> {
            Throwable cause = failed instanceof CompletionException c && c.getCause() != null ? c.getCause() : failed;
            if (!(cause instanceof StreamWaiters.ChatRefused refused)) {
                return CompletableFuture.failedFuture(cause); // not the chat's refusal: the command goes to its DLQ
            }
            log.warn(
                    "Telegram refused {} for chat {} ({}); sending its fallback to chat {}",
                    m.outboundRef(),
                    m.chat().chatId(),
                    refused.getMessage(),
                    fallback.chat().chatId());
            metrics.outbound("SendText", "fallback");
            return renderer.close(
                    m.outboundRef() + ":fallback", fallback.chat(), null, fallback.text(), List.of(), false);
        });
    }

    /**
     * The text as the caption of {@code picture}, its buttons under it, as ductor sends its welcome (behaviour
     * §2.2): a text longer than a caption, or a caption Telegram refuses, goes as a message of its own after
     * the bare picture; a picture that cannot be sent at all leaves the text alone.
     */
    private CompletableFuture<Void> sendWithPicture(SendText m, Path picture) {
        if (sent.find(m.outboundRef()).isPresent()) {
            return CompletableFuture.completedFuture(null); // redelivered: shown already, with or without picture
        }
        long chatId = m.chat().chatId();
        Long topic = m.chat().topicId();
        Integer replyTo = Outbox.parseMessageId(m.replyTo());
        if (m.text().length() > AnsweredButtons.CAPTION_LIMIT) {
            return photo(chatId, topic, picture, "", false, List.of(), replyTo)
                    .thenCompose(bare ->
                            renderer.close(m.outboundRef(), m.chat(), m.replyTo(), m.text(), m.buttons(), false));
        }
        String html = TelegramHtml.render(m.text());
        return photo(chatId, topic, picture, html, true, m.buttons(), replyTo).thenCompose(result -> {
            Integer id = result.messageId();
            if (result.ok() && id != null) {
                sent.put(m.outboundRef(), new SentRef(chatId, topic, replyTo, List.of(id), true));
                if (!m.buttons().isEmpty()) {
                    answers.shownAsCaption(chatId, id, m.text(), m.buttons());
                }
                metrics.outbound("SendText", "picture");
                return CompletableFuture.<Void>completedFuture(null);
            }
            log.warn(
                    "Telegram refused {} as a picture with caption ({} {}); sending the text alone",
                    m.outboundRef(),
                    result.errorCode(),
                    result.description());
            CompletableFuture<?> bare = result.errorCode() == 400
                    ? photo(chatId, topic, picture, "", false, List.of(), replyTo)
                    : CompletableFuture.completedFuture(null);
            return bare.thenCompose(
                    ignored -> renderer.close(m.outboundRef(), m.chat(), m.replyTo(), m.text(), m.buttons(), false));
        });
    }

    private CompletableFuture<ApiResult> photo(
            long chatId,
            @Nullable Long topic,
            Path picture,
            String caption,
            boolean html,
            List<List<Button>> buttons,
            @Nullable Integer replyTo) {
        return outbox.submit(
                        chatId,
                        true,
                        0,
                        Outbox.upload(
                                "sendPhoto",
                                picture,
                                () -> telegram.sendPhoto(chatId, topic, picture, caption, html, buttons, replyTo)))
                .future();
    }

    private CompletableFuture<Void> edit(EditText m) {
        if (!renderer.knows(m.outboundRef())) {
            log.warn("EditText for unknown outboundRef {}: nothing to edit", m.outboundRef());
            metrics.outbound("EditText", "unknown_ref");
            return CompletableFuture.completedFuture(null);
        }
        return renderer.close(m.outboundRef(), m.chat(), null, m.text(), m.buttons(), false);
    }

    /**
     * Pins the (first) message sent as the ref, once its send is through; a ref this gateway never sent
     * (or could not send) has nothing to pin.
     */
    private CompletableFuture<Void> pin(PinMessage m) {
        return renderer.settled(m.outboundRef())
                .handle((ignored, failure) -> null)
                .thenCompose(ignored -> {
                    var ref = sent.find(m.outboundRef());
                    if (ref.isEmpty() || ref.get().messageIds().isEmpty()) {
                        log.warn("PinMessage for unknown outboundRef {}: nothing to pin", m.outboundRef());
                        metrics.outbound("PinMessage", "unknown_ref");
                        return CompletableFuture.<Void>completedFuture(null);
                    }
                    long chatId = ref.get().chatId();
                    int messageId = ref.get().messageIds().getFirst();
                    return call(m, chatId, false, () -> telegram.pinChatMessage(chatId, messageId));
                });
    }

    private CompletableFuture<Void> delete(DeleteMessage m) {
        var ref = sent.find(m.outboundRef());
        if (ref.isEmpty()) {
            log.warn("DeleteMessage for unknown outboundRef {}: nothing to delete", m.outboundRef());
            metrics.outbound("DeleteMessage", "unknown_ref");
            return CompletableFuture.completedFuture(null);
        }
        long chatId = ref.get().chatId();
        List<CompletableFuture<ApiResult>> deletes = ref.get().messageIds().stream()
                .map(id -> outbox.submit(chatId, false, 0, () -> telegram.deleteMessage(chatId, id))
                        .future())
                .toList();
        return CompletableFuture.allOf(deletes.toArray(CompletableFuture[]::new))
                .thenRun(() -> sent.remove(m.outboundRef()));
    }

    private CompletableFuture<Void> sendFile(SendFile m) {
        Path path = sendable.resolve(home.root(), m.path());
        if (path == null) {
            log.error("SendFile {}: {} is outside file_access or a secret; not sent", m.outboundRef(), m.path());
            metrics.outbound("SendFile", "refused");
            return CompletableFuture.completedFuture(null);
        }
        if (!Files.isRegularFile(path)) {
            log.error("SendFile {}: no file at {}", m.outboundRef(), path);
            metrics.outbound("SendFile", "missing_file");
            return CompletableFuture.completedFuture(null);
        }
        long chatId = m.chat().chatId();
        return call(
                m,
                chatId,
                true,
                Outbox.upload(
                        "sendDocument",
                        path,
                        () -> telegram.sendDocument(
                                chatId, m.chat().topicId(), path, m.caption(), Outbox.parseMessageId(m.replyTo()))));
    }

    private CompletableFuture<Void> call(Contract contract, long lane, boolean paced, Supplier<ApiResult> call) {
        return outbox.submit(lane, paced, 0, call).future().thenAccept(result -> {
            if (result.permanentFailure() && !result.messageGone()) {
                log.error(
                        "Telegram rejected {} for chat {}: {} {}",
                        Contracts.typeOf(contract),
                        lane,
                        result.errorCode(),
                        result.description());
                metrics.outbound(Contracts.typeOf(contract), "rejected");
            }
        });
    }
}
