/**
 * Sub-agents (behaviour §5.8): the main orchestrator runs one child context per {@code agents.json} entry,
 * each a whole orchestrator of its own agent, home and queues.
 */
@NullMarked
package dev.ductor.orchestrator.agents;

import org.jspecify.annotations.NullMarked;
