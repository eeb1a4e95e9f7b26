/** sessions.json in ductor's format: one entry per chat or topic, one bucket per provider. */
@NullMarked
package dev.ductor.orchestrator.session;

import org.jspecify.annotations.NullMarked;
