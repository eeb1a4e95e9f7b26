package dev.ductor.cli;

/** Something the user asked for cannot be done; the message says why and what to do instead. */
public final class UserError extends RuntimeException {

    public UserError(String message) {
        super(message);
    }
}
