package dev.ductor.gateway.telegram;

import org.jspecify.annotations.Nullable;

/** A short plain reply the gateway itself owes the user (e.g. a file it could not download), sent through the outbox. */
public interface Notices {

    void reply(long chatId, @Nullable Long threadId, @Nullable Integer replyTo, String text);
}
