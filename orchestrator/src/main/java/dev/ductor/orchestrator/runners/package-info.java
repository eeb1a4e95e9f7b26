/** The runners alive now, as their {@code RunnerStatus} reports tell: slots, runs and CLI logins. */
@NullMarked
package dev.ductor.orchestrator.runners;

import org.jspecify.annotations.NullMarked;
