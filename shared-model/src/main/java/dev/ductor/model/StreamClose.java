package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** The streamed answer is complete: the gateway shows exactly {@code finalText} (and the buttons). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamClose(String streamId, ChatRef chat, String finalText, List<List<Button>> buttons)
        implements Contract {}
