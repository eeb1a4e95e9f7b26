/**
 * The agent's side of {@code DUCTOR_HOME} (behaviour §8): ductor's layout, seeded idempotently at every
 * start from the packaged defaults (files always overwritten vs seed-once files the user owns), the rule
 * files {@code CLAUDE.md}/{@code AGENTS.md}/{@code GEMINI.md} per logged-in CLI and their sync,
 * {@code SHAREDMEMORY.md}, and the skill folders shared with the CLIs. {@link PreparingWorkspace} is the
 * entry point; the runner calls it, because the CLIs run where the runner runs.
 */
@NullMarked
package dev.ductor.workspace;

import org.jspecify.annotations.NullMarked;
