/** The orchestrator's crash journal: the dedup window and the turns in flight, written together atomically. */
@NullMarked
package dev.ductor.orchestrator.journal;

import org.jspecify.annotations.NullMarked;
