/** The orchestrator: authorisation, per-session turns and queue, sessions, routing of every run result. */
@NullMarked
package dev.ductor.orchestrator;

import org.jspecify.annotations.NullMarked;
