package dev.ductor.gateway.telegram.api;

/** A file a user sent is larger than the gateway (or the Bot API) accepts; it was not (or not completely) downloaded. */
public final class FileTooLargeException extends FileRefusedException {

    public FileTooLargeException(String message) {
        super(message);
    }
}
