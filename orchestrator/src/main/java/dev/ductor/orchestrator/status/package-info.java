/** Quick commands that only read state: {@code /status}, {@code /memory}, {@code /cron}. */
@NullMarked
package dev.ductor.orchestrator.status;

import org.jspecify.annotations.NullMarked;
