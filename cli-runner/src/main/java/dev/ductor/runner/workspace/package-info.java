/** Preparing {@code DUCTOR_HOME}'s workspace where the CLIs run, at the runner's start and every few seconds after. */
@NullMarked
package dev.ductor.runner.workspace;

import org.jspecify.annotations.NullMarked;
