/** The orchestrator's own lifecycle: {@code /restart} with its sentinel (spec §2.20, §5.9), {@code /diagnose}. */
@NullMarked
package dev.ductor.orchestrator.lifecycle;

import org.jspecify.annotations.NullMarked;
