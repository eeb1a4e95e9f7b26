/** Starting a CLI turn: prompt, session target, RunRequest. */
@NullMarked
package dev.ductor.orchestrator.turn;

import org.jspecify.annotations.NullMarked;
