/**
 * The chat commands: each one a {@link dev.ductor.orchestrator.command.ChatCommand}, asked in
 * the order of {@link dev.ductor.orchestrator.command.ChatCommands}, which is also where the command menu,
 * {@code /help} and the answer to an unknown {@code /command} read which commands exist.
 */
@NullMarked
package dev.ductor.orchestrator.command;

import org.jspecify.annotations.NullMarked;
