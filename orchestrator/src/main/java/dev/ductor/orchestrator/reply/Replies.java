package dev.ductor.orchestrator.reply;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.AcknowledgePress;
import dev.ductor.model.Button;
import dev.ductor.model.ChatAction;
import dev.ductor.model.ChatRef;
import dev.ductor.model.Contract;
import dev.ductor.model.DeleteMessage;
import dev.ductor.model.EditText;
import dev.ductor.model.LeaveChat;
import dev.ductor.model.PinMessage;
import dev.ductor.model.SendText;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
import dev.ductor.stream.StreamText;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.springframework.stereotype.Component;

/**
 * Everything the orchestrator shows a user goes through here, to the gateway of the chat's transport.
 * Message ids of a run's outbound commands derive from the run id, so a command re-published after a
 * crash is recognised by the gateway and shown once.
 */
@Component
public class Replies implements AutoCloseable {

    private final Bus bus;
    private final CoalescedAppends appends;

    Replies(Bus bus, ConfigStore config) {
        this.bus = bus;
        this.appends =
                CoalescedAppends.of(a -> send(a.chat(), a, a.streamId(), a.streamId() + ":append:" + a.seq()), config);
    }

    public void text(ChatRef chat, String text, @Nullable String replyTo) {
        String id = UUID.randomUUID().toString();
        send(chat, new SendText(id, chat, text, replyTo, List.of()), id, id);
    }

    public void runText(String runId, String suffix, ChatRef chat, String text, @Nullable String replyTo) {
        String id = runId + ":" + suffix;
        send(chat, new SendText(id, chat, text, replyTo, List.of()), runId, id);
    }

    /** A run's text that goes to {@code fallback} instead when its chat refuses it for good. */
    public void runResult(
            String runId, String suffix, ChatRef chat, String text, SendText.@Nullable Fallback fallback) {
        String id = runId + ":" + suffix;
        send(chat, new SendText(id, chat, text, null, List.of(), fallback), runId, id);
    }

    /**
     * A message the orchestrator may later edit or delete as {@code ref}; {@code messageId} makes a
     * re-send after a crash show once.
     */
    public void named(
            ChatRef chat,
            String ref,
            String messageId,
            String text,
            @Nullable String replyTo,
            List<List<Button>> buttons) {
        send(chat, new SendText(ref, chat, text, replyTo, buttons), ref, messageId);
    }

    /** As {@link #named}, shown as the caption of the gateway's picture {@code image} where it can. */
    public void namedWithImage(
            ChatRef chat,
            String ref,
            String messageId,
            String text,
            @Nullable String replyTo,
            List<List<Button>> buttons,
            String image) {
        send(chat, new SendText(ref, chat, text, replyTo, buttons, null, image), ref, messageId);
    }

    public void edit(ChatRef chat, String ref, String messageId, String text, List<List<Button>> buttons) {
        send(chat, new EditText(ref, chat, text, buttons), ref, messageId);
    }

    public void delete(ChatRef chat, String ref, String messageId) {
        send(chat, new DeleteMessage(ref, chat), ref, messageId);
    }

    public void acknowledge(ChatRef chat, String callbackId, @Nullable String text) {
        send(chat, new AcknowledgePress(chat, callbackId, text), callbackId, "answer:" + callbackId);
    }

    /** Pins, silently, the message sent as {@code ref} (behaviour §3.18). */
    public void pin(ChatRef chat, String ref) {
        send(chat, new PinMessage(ref, chat), ref, ref + ":pin");
    }

    /** The bot leaves a group (behaviour §3.18). */
    public void leave(ChatRef chat) {
        String id = "leave:" + chat.chatId() + ":" + UUID.randomUUID();
        send(chat, new LeaveChat(chat), id, id);
    }

    public void typing(String runId, ChatRef chat) {
        send(chat, new ChatAction(chat, "typing"), runId, UUID.randomUUID().toString());
    }

    public void streamOpen(String runId, ChatRef chat, @Nullable String replyTo) {
        send(chat, new StreamOpen(runId, chat, replyTo), runId, runId + ":open");
    }

    /**
     * A piece of the run's answer, {@code text} from {@code offset} on; coalesced to at most one {@code
     * StreamAppend} per edit interval ({@link CoalescedAppends}).
     */
    public void streamText(String runId, ChatRef chat, long seq, long offset, String text) {
        appends.text(runId, chat, seq, offset, text);
    }

    /** A tool or status line; the answer text before it goes out first. */
    public void streamStatus(String runId, ChatRef chat, long seq, String kind, String label) {
        appends.flush(runId);
        send(chat, new StreamStatus(runId, chat, seq, kind, label), runId, runId + ":status:" + seq);
    }

    /**
     * Ends the stream with the agent's answer (its {@code <file:…>} and {@code [button:…]} markers are
     * read), bounded like a stream ({@link StreamText#capped}) so the close fits the broker's message cap.
     */
    public void streamAnswer(String runId, ChatRef chat, String answer) {
        close(runId, chat, StreamText.capped(answer), true);
    }

    /**
     * Ends the stream with {@code text} that is not the agent's answer (a notice, an error that may quote
     * anything; empty keeps what was streamed): shown as plain text, never read for markup.
     */
    public void streamClose(String runId, ChatRef chat, String text) {
        close(runId, chat, StreamText.capped(text), false);
    }

    private void close(String runId, ChatRef chat, String text, boolean answer) {
        appends.close(runId);
        send(chat, new StreamClose(runId, chat, text, List.of(), answer), runId, runId + ":close");
    }

    @Override
    public void close() {
        appends.close();
    }

    private void send(ChatRef chat, Contract command, String correlationId, String messageId) {
        bus.toGateway(chat.transport(), chat.agent(), command, correlationId, messageId);
    }
}
