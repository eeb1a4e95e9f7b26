/**
 * Named sessions (behaviour §5.6): extra CLI conversations of a chat that run in the background on the
 * runners, started with {@code /session}, followed up with {@code @name}, listed and ended with
 * {@code /sessions}. Their registry is {@code named_sessions.json} in ductor's format; their runs are
 * recorded before the hand-over, so a result still arrives after an orchestrator restart and no run is
 * started twice.
 */
@NullMarked
package dev.ductor.orchestrator.named;

import org.jspecify.annotations.NullMarked;
