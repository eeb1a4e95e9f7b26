package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The streamed answer is complete: the gateway shows exactly {@code finalText} (and the buttons).
 * {@code answer} says whether {@code finalText} is the agent's own answer: only then are its {@code
 * <file:…>} and {@code [button:…]} markers read. An error or notice (which may quote a CLI's error or chat
 * metadata) is shown as plain text.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record StreamClose(String streamId, ChatRef chat, String finalText, List<List<Button>> buttons, boolean answer)
        implements Contract {}
