package dev.ductor.orchestrator.automation;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.background.TimedRun;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A run started by automation, kept until its {@code RunFinished}: what started it ({@code kind}
 * {@code cron}, {@code webhook} or {@code heartbeat}, and the job or hook id), where the result goes
 * ({@code targets}, empty for nowhere), and how the result is judged.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record AutomationRun(
        String runId,
        String kind,
        String sourceId,
        String title,
        List<ChatRef> targets,
        String provider,
        @Nullable String dependency,
        @Nullable String ackToken,
        boolean silentOnSuccess,
        int timeoutSeconds,
        Instant startedAt)
        implements TimedRun {}
