/**
 * Messages between agents (behaviour §5.8): the recipient's side of an {@code InterAgentAsk} (a run in the
 * deterministic named session {@code ia-…} kept for the sender, recorded before it is handed over, its answer
 * published as an {@code InterAgentAnswer}) and the asking side of that answer (injected into the asking
 * agent's session, or a failure told to its chat).
 */
@NullMarked
package dev.ductor.orchestrator.interagent;

import org.jspecify.annotations.NullMarked;
