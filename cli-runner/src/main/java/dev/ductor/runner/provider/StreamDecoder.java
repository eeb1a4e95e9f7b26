package dev.ductor.runner.provider;

import java.util.List;

/** Turns one stdout line of a provider CLI into normalised events; blank or unparseable lines give none. */
public interface StreamDecoder {

    List<StreamEvent> decode(String line);

    /** Events held back until the stream ended (e.g. buffered text); none by default. */
    default List<StreamEvent> finish() {
        return List.of();
    }
}
