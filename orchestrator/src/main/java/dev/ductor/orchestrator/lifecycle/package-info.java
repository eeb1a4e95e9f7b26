/** The orchestrator's own lifecycle: {@code /restart} with its sentinel and the start notices (behaviour §2.20, §5.9). */
@NullMarked
package dev.ductor.orchestrator.lifecycle;

import org.jspecify.annotations.NullMarked;
