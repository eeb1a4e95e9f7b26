/** What the user sees: texts and the outbound commands that carry them. */
@NullMarked
package dev.ductor.orchestrator.reply;

import org.jspecify.annotations.NullMarked;
