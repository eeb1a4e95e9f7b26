/**
 * Sub-agents (behaviour §5.8): the main agent's Matrix gateway runs one child context per Matrix entry of
 * {@code agents.json}, each a whole gateway of its own account, home and outbound queue.
 */
@NullMarked
package dev.ductor.gateway.matrix.agents;

import org.jspecify.annotations.NullMarked;
