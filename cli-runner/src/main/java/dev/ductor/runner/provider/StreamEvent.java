package dev.ductor.runner.provider;

import org.jspecify.annotations.Nullable;

/** The normalised stream of any provider CLI (behaviour §4.5). */
public sealed interface StreamEvent {

    /** The CLI told its session id (known early, so it survives a stop or a timeout). */
    record SessionStarted(String sessionId) implements StreamEvent {}

    /** A whole text block of the answer; after deltas of the same block it is authoritative. */
    record Text(String text) implements StreamEvent {}

    /**
     * A piece of the text block being written (claude's partial messages, gemini's deltas), shown at once;
     * the block ends with the next {@link Text} (the whole block) or {@link ToolUse}.
     */
    record TextDelta(String text) implements StreamEvent {}

    record ToolUse(String toolName) implements StreamEvent {}

    /** A status such as {@code thinking}, {@code compacting} or {@code requesting}. */
    record Status(String status) implements StreamEvent {}

    /** The end of the turn as the CLI reports it; {@code error} is the raw error text when {@code isError}. */
    record Result(
            @Nullable String sessionId,
            String text,
            boolean isError,
            @Nullable String error,
            double costUsd,
            long totalTokens,
            long durationMs)
            implements StreamEvent {}
}
