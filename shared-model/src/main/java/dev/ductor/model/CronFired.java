package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;

/** A cron job came due. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record CronFired(String jobId, Instant scheduledFor) implements Contract {}
