package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/** Replace the text (and buttons) of a message the orchestrator sent earlier as {@code outboundRef}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record EditText(String outboundRef, ChatRef chat, String text, List<List<Button>> buttons) implements Contract {}
