package dev.ductor.gateway.telegram.api;

/**
 * Telegram refused a file for good (a 4xx other than 429: an invalid or expired file id, a file over the
 * Bot API's download limit): asking again gives the same answer, so the caller does not retry.
 */
public class FileRefusedException extends RuntimeException {

    public FileRefusedException(String message) {
        super(message);
    }
}
