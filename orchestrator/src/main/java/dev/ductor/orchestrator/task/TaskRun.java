package dev.ductor.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.background.TimedRun;
import java.time.Instant;

/** A task's run handed to the runners, kept until its {@code RunFinished} (or until it is lost). */
@JsonIgnoreProperties(ignoreUnknown = true)
record TaskRun(String runId, String taskId, ChatRef chat, int timeoutSeconds, Instant startedAt) implements TimedRun {}
