package dev.ductor.gateway.telegram.api;

/** getMe or getUpdates got no usable answer; the caller backs off and tries again. */
public final class TelegramUnavailableException extends RuntimeException {

    public TelegramUnavailableException(String message) {
        super(message);
    }
}
