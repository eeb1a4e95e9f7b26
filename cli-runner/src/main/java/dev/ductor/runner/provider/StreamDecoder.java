package dev.ductor.runner.provider;

import java.util.List;

/** Turns one stdout line of a provider CLI into normalised events; blank or unparseable lines give none. */
public interface StreamDecoder {

    List<StreamEvent> decode(String line);

    /** Events held back until the stream ended (e.g. buffered text); none by default. */
    default List<StreamEvent> finish() {
        return List.of();
    }

    /**
     * The error of a CLI that exited 0 without ever reporting the end of its turn, or null when that is a
     * success (e.g. gemini: a synthetic empty result). Codex: "failed before producing a final response".
     */
    default @org.jspecify.annotations.Nullable String silentExitError() {
        return null;
    }
}
