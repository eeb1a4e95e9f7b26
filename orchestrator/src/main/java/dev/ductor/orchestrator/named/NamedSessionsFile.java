package dev.ductor.orchestrator.named;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** {@code named_sessions.json}: {@code {"sessions": [ … ]}}, the sessions not ended. */
@JsonIgnoreProperties(ignoreUnknown = true)
record NamedSessionsFile(@Nullable List<@Nullable NamedSession> sessions) {}
