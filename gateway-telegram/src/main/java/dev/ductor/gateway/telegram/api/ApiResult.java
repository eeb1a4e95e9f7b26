package dev.ductor.gateway.telegram.api;

import org.jspecify.annotations.Nullable;

/**
 * The answer to one Bot API call. {@code errorCode} 0 with {@code ok=false} means the call never got a
 * Telegram answer (network failure): that, 5xx and 429 are worth retrying; other errors are permanent.
 */
public record ApiResult(
        String method,
        boolean ok,
        int errorCode,
        String description,
        @Nullable Integer retryAfter,
        @Nullable Integer messageId) {

    public static ApiResult success(String method, @Nullable Integer messageId) {
        return new ApiResult(method, true, 0, "", null, messageId);
    }

    public static ApiResult unreachable(String method, String why) {
        return new ApiResult(method, false, 0, why, null, null);
    }

    /** A step that needed no call (already in the wanted state). */
    public static ApiResult nothingToDo() {
        return success("none", null);
    }

    public boolean rateLimited() {
        return errorCode == 429;
    }

    public boolean transientFailure() {
        return !ok && (errorCode == 0 || errorCode >= 500);
    }

    /**
     * Telegram (or the way to it) is down, not unhappy with the call: no answer at all (refused,
     * reset, timed out) or a 502/503/504 from its front. Worth retrying for as long as it lasts.
     */
    public boolean networkFailure() {
        return !ok && (errorCode == 0 || errorCode == 502 || errorCode == 503 || errorCode == 504);
    }

    public boolean permanentFailure() {
        return !ok && !rateLimited() && !transientFailure();
    }

    /**
     * The chat will not take messages from the bot: it was removed or blocked (403), or the chat is gone
     * (400 "chat not found"). Asking again gets the same answer.
     */
    public boolean chatRefused() {
        return !ok && (errorCode == 403 || errorCode == 400 && description.contains("chat not found"));
    }

    /**
     * The Bot API does not offer the method to this bot: 404 (a server that does not know it), or a 400
     * naming the method as unavailable. Asking again gets the same answer.
     */
    public boolean methodMissing() {
        String lower = description.toLowerCase(java.util.Locale.ROOT);
        return !ok && (errorCode == 404 || errorCode == 400 && lower.contains("method") && lower.contains("not"));
    }

    /** Telegram's answer to an edit that changes nothing: for us, success. */
    public boolean notModified() {
        return errorCode == 400 && description.contains("message is not modified");
    }

    public boolean messageGone() {
        return errorCode == 400
                && (description.contains("message to edit not found")
                        || description.contains("message to delete not found")
                        || description.contains("MESSAGE_ID_INVALID"));
    }

    /** A short label for logs and the {@code result} metric tag. */
    public String outcome() {
        if (ok) {
            return "ok";
        }
        if (rateLimited()) {
            return "rate_limited";
        }
        return transientFailure() ? "transient" : "rejected";
    }
}
