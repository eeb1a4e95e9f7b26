package dev.ductor.orchestrator.named;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.background.TimedRun;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A named session's run handed to the runners, kept until its {@code RunFinished}: which session, where
 * the result goes (the chat or topic it was asked in, as a reply to that message), and how it is shown:
 * {@code background} ({@code /session}: "[name] Complete") or {@code direct} ({@code @name}: the answer
 * under {@code [name | provider]}). {@code jobId} is ductor's 8-hex job id.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record NamedRun(
        String runId,
        String jobId,
        String name,
        ChatRef chat,
        @Nullable String replyTo,
        String provider,
        String kind,
        String preview,
        int timeoutSeconds,
        Instant startedAt)
        implements TimedRun {

    static final String BACKGROUND = "background";
    static final String DIRECT = "direct";
}
