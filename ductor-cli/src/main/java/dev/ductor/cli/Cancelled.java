package dev.ductor.cli;

/** The input ended in the middle of a question (Ctrl-D, or a script that gave too few lines), or the user said no. */
public final class Cancelled extends RuntimeException {

    public Cancelled() {
        super("Setup cancelled.");
    }

    public Cancelled(String message) {
        super(message);
    }
}
