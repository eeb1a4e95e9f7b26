package dev.ductor.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code tasks.json} as ductor writes it: {@code {"tasks": [...]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
record TasksFile(@Nullable List<TaskEntry> tasks) {}
