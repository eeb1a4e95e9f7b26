/** Cron jobs: ductor's {@code cron_jobs.json}, Vixie cron expressions evaluated in each job's zone, and the firing of due jobs as {@code CronFired} messages. */
@NullMarked
package dev.ductor.scheduler.cron;

import org.jspecify.annotations.NullMarked;
