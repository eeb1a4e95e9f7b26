package dev.ductor.scheduler.api;

import dev.ductor.bus.Topology;
import dev.ductor.model.Transport;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A tool's command line as the agent typed it, the chat of the turn it ran in (the runner's
 * {@code DUCTOR_CHAT_ID}, {@code DUCTOR_TOPIC_ID}, {@code DUCTOR_TRANSPORT}), so a job created in a chat
 * reports back there, and the calling agent (its authenticated {@code X-Ductor-Agent}; {@code main} when absent).
 */
public record ToolCall(List<String> args, Chat chat, String agent) {

    public ToolCall {
        args = List.copyOf(args);
    }

    /** A call of the main agent. */
    public ToolCall(List<String> args, Chat chat) {
        this(args, chat, Topology.MAIN_AGENT);
    }

    /** Where the turn ran; {@code chatId} 0 when unknown (ductor: deliver to every allowed user). */
    public record Chat(long chatId, @Nullable Long topicId, String transport) {

        /**
         * The chat the runner's environment names; no chat ({@code chatId} 0) when its transport is none of
         * ours: a code like {@code mx.x} would become a routing key no agent's queue is bound to, and what is
         * published under it (a job's result, an inter-agent answer) would be confirmed and dropped.
         */
        static Chat of(String chatId, String topicId, String transport) {
            String code = transport.isBlank() ? Transport.TELEGRAM.code() : transport;
            if (Transport.of(code) == Transport.UNKNOWN) {
                return new Chat(0, null, Transport.TELEGRAM.code());
            }
            return new Chat(
                    chatId.isBlank() ? 0 : number(chatId, "chat_id"),
                    topicId.isBlank() ? null : number(topicId, "topic_id"),
                    code);
        }

        private static long number(String value, String field) {
            try {
                return Long.parseLong(value.strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(field + " is not a number: '" + value + "'");
            }
        }
    }
}
