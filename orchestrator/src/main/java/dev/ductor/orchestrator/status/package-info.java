/**
 * Quick commands that only read state: {@code /status}, {@code /memory}, {@code /diagnose},
 * {@code /help} and the welcome of {@code /start}; and the answer to an unknown command.
 */
@NullMarked
package dev.ductor.orchestrator.status;

import org.jspecify.annotations.NullMarked;
