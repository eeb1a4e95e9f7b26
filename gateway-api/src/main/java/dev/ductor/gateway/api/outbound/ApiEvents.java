package dev.ductor.gateway.api.outbound;

import dev.ductor.gateway.api.socket.ChatTurns;
import dev.ductor.gateway.api.socket.Frames;
import dev.ductor.gateway.api.socket.Mailbox;
import dev.ductor.gateway.api.socket.OfferedProviders;
import dev.ductor.model.AnswerMarkup;
import dev.ductor.model.Contract;
import dev.ductor.model.OfferProviders;
import dev.ductor.model.SendFile;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import dev.ductor.stream.StreamText;
import dev.ductor.workspace.SendableFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns one outbound command into ductor's streaming events for the chat's clients (behaviour §10):
 *
 * <ul>
 *   <li>{@code StreamAppend}: the answer rebuilt by shared-model's {@link StreamText} rule, and what the
 *       clients have not had yet as {@code text_delta};
 *   <li>{@code StreamStatus}: {@code tool_activity} (kind {@code tool}) or {@code system_status};
 *   <li>{@code StreamClose}: {@code result} — the final text with its {@code <file:…>} and {@code
 *       [button:…]} markers removed (read only in the agent's answer), and the files that lie in what
 *       {@code file_access} allows, as {@code {path, name, is_image}};
 *   <li>{@code SendText} (a command's answer, a notice): a {@code result} with that text, except the answer
 *       to the client's own abort, which {@code abort_ok} already told; {@code SendFile}: a {@code result}
 *       with its caption and the file;
 *   <li>{@code OfferProviders}: the providers the next {@code auth_ok} lists ({@link OfferedProviders});
 *   <li>anything else (typing, edits of earlier texts, pins, the command menu): nothing, as those have no
 *       place in the protocol.
 * </ul>
 *
 * A {@code result} for a chat without a client waits in the {@link Mailbox}; deltas and indicators for a
 * chat without a client are dropped (they only show progress, and the {@code result} carries the whole
 * answer).
 */
public final class ApiEvents {

    private static final Logger log = LoggerFactory.getLogger(ApiEvents.class);

    private final Mailbox mailbox;
    private final OfferedProviders providers;
    private final ChatTurns turns;
    private final SendableFiles sendable;
    private final Path workspace;
    private final Map<String, Stream> streams = new HashMap<>();

    public ApiEvents(
            Mailbox mailbox, OfferedProviders providers, ChatTurns turns, SendableFiles sendable, Path workspace) {
        this.mailbox = mailbox;
        this.providers = providers;
        this.turns = turns;
        this.sendable = sendable;
        this.workspace = workspace;
    }

    /** Carries out {@code command}; returns what became of it ({@code delivered}, {@code kept}, …). */
    public synchronized String handle(Contract command) {
        return switch (command) {
            case StreamOpen open -> {
                turns.opened(open.chat(), open.streamId());
                yield "delivered";
            }
            case StreamAppend append -> append(append);
            case StreamStatus status ->
                mailbox.deliver(
                        status.chat(),
                        Frames.withData(
                                "tool".equals(status.kind()) ? "tool_activity" : "system_status", status.label()),
                        false);
            case StreamClose close -> close(close);
            case SendText text ->
                text.replyTo() != null && turns.answersAnAbort(text.replyTo())
                        ? "answered_abort"
                        : mailbox.deliver(text.chat(), result(text.text(), List.of()), true);
            case SendFile file ->
                mailbox.deliver(
                        file.chat(), result(file.caption() == null ? "" : file.caption(), List.of(file.path())), true);
            case OfferProviders offer -> {
                providers.offer(offer.providers());
                yield "delivered";
            }
            default -> "no_effect";
        };
    }

    private String append(StreamAppend append) {
        Stream stream = streams.computeIfAbsent(append.streamId(), id -> new Stream(new StreamText()));
        stream.text.accept(append.offset(), append.text());
        String whole = stream.text.text();
        if (whole.length() <= stream.sent) {
            return "delivered";
        }
        String delta = whole.substring(stream.sent);
        stream.sent = whole.length();
        return mailbox.deliver(append.chat(), Frames.withData("text_delta", delta), false);
    }

    private String close(StreamClose close) {
        Stream stream = streams.remove(close.streamId());
        turns.closed(close.chat(), close.streamId());
        String shown = close.finalText().isBlank() && stream != null ? stream.text.text() : close.finalText();
        AnswerMarkup markup = close.answer() ? AnswerMarkup.parse(shown) : AnswerMarkup.plain(shown);
        return mailbox.deliver(close.chat(), result(markup.text(), markup.files()), true);
    }

    private String result(String text, List<String> paths) {
        ObjectNode result = Frames.event("result").put("text", text).put("stream_fallback", false);
        ArrayNode files = result.putArray("files");
        for (String path : paths) {
            Path file = sendable.resolve(workspace, path);
            if (file == null || !Files.isRegularFile(file)) {
                log.warn("Not offering {}: outside file_access={}, a secret, or missing", path, sendable.access());
                continue;
            }
            files.addObject()
                    .put("path", file.toString())
                    .put("name", file.getFileName().toString())
                    .put("is_image", image(file));
        }
        return result.toString();
    }

    private static boolean image(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        return name.matches(".*\\.(png|jpe?g|gif|webp|bmp)$");
    }

    /** An open stream: its text, and how much of it the clients were sent. */
    private static final class Stream {
        private final StreamText text;
        private int sent;

        Stream(StreamText text) {
            this.text = text;
        }
    }
}
