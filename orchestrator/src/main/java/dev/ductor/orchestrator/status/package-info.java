/**
 * Quick commands that only read state: {@code /status}, {@code /memory}, {@code /diagnose} and the
 * welcome of {@code /start}.
 */
@NullMarked
package dev.ductor.orchestrator.status;

import org.jspecify.annotations.NullMarked;
