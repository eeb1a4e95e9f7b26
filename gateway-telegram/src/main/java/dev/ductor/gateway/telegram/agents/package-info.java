/**
 * Sub-agents (behaviour §5.8): the main agent's gateway runs one child context per Telegram entry of
 * {@code agents.json}, each a whole gateway of its own bot, home and outbound queue.
 */
@NullMarked
package dev.ductor.gateway.telegram.agents;

import org.jspecify.annotations.NullMarked;
