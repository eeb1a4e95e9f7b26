package dev.ductor.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.model.ChatRef;
import java.time.Instant;

/**
 * A text for the parent session of a task's chat (a result, a failure, a question), kept until it was handed
 * to the runners as a turn of that chat; {@code key} is its dedup key in the journal. {@code taskId} names what
 * it comes from (a task's id, {@code ia-<id>} for an inter-agent answer) in the turn's sender and the logs.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Injection(String key, ChatRef chat, String taskId, String text, Instant at) {}
