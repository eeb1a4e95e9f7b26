package dev.ductor.orchestrator.reply;

import dev.ductor.bus.Bus;
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
import dev.ductor.model.StreamAppend;
import dev.ductor.model.StreamClose;
import dev.ductor.model.StreamOpen;
import dev.ductor.model.StreamStatus;
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
public class Replies {

    private final Bus bus;

    Replies(Bus bus) {
        this.bus = bus;
    }

    public void text(ChatRef chat, String text, @Nullable String replyTo) {
        String id = UUID.randomUUID().toString();
        send(chat, new SendText(id, chat, text, replyTo, List.of()), id, id);
    }

    public void runText(String runId, String suffix, ChatRef chat, String text, @Nullable String replyTo) {
        String id = runId + ":" + suffix;
        send(chat, new SendText(id, chat, text, replyTo, List.of()), runId, id);
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

    public void streamAppend(String runId, ChatRef chat, long seq, String textSoFar) {
        send(chat, new StreamAppend(runId, chat, seq, textSoFar), runId, runId + ":append:" + seq);
    }

    public void streamStatus(String runId, ChatRef chat, long seq, String kind, String label) {
        send(chat, new StreamStatus(runId, chat, seq, kind, label), runId, runId + ":status:" + seq);
    }

    public void streamClose(String runId, ChatRef chat, String finalText) {
        send(chat, new StreamClose(runId, chat, finalText, List.of()), runId, runId + ":close");
    }

    private void send(ChatRef chat, Contract command, String correlationId, String messageId) {
        bus.toGateway(chat.transport(), chat.agent(), command, correlationId, messageId);
    }
}
