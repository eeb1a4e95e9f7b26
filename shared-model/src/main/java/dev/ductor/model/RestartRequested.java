package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * {@code /restart} (behaviour §2.20) for the whole bot: on the control fanout, every service hears it and exits
 * with ductor's restart code 42, which its supervisor (docker's restart policy, bin/run-local) answers
 * by starting it again. Work in flight is recovered as after any restart.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RestartRequested(String reason) implements Contract {}
