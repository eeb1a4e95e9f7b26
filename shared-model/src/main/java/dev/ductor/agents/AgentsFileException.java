package dev.ductor.agents;

/** {@code agents.json} cannot be read or is not valid; the message says what to fix. */
public final class AgentsFileException extends RuntimeException {

    public AgentsFileException(String message) {
        super(message);
    }
}
