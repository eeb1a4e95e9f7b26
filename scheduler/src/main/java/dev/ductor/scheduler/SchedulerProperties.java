package dev.ductor.scheduler;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the scheduler service ({@code ductor.scheduler.*}); ductor's own settings ({@code webhooks},
 * {@code heartbeat}, {@code cleanup}, {@code user_timezone}) come from {@code config.json}.
 *
 * @param tick how often due cron jobs, the heartbeat and the cleanup hour are checked
 * @param catchUp a cron fire missed by at most this long (restart, failover) is made up; older ones are skipped
 * @param leaseRetry how often a scheduler that does not lead tries to take the lease
 * @param watchInterval how often {@code webhooks.json} is checked for changes (ductor: 5 s)
 */
@ConfigurationProperties("ductor.scheduler")
public record SchedulerProperties(
        @DefaultValue("1s") Duration tick,
        @DefaultValue("90s") Duration catchUp,
        @DefaultValue("5s") Duration leaseRetry,
        @DefaultValue("5s") Duration watchInterval) {}
