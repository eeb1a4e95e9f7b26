package dev.ductor.gateway.telegram.api;

/** A file a user sent is larger than the gateway accepts; it was not (or not completely) downloaded. */
public final class FileTooLargeException extends RuntimeException {

    public FileTooLargeException(String message) {
        super(message);
    }
}
