/**
 * The Matrix gateway (behaviour §9): {@code client} speaks the client-server API, {@code inbound} turns
 * {@code /sync} into bus messages, {@code outbound} renders the orchestrator's commands into rooms, and
 * {@code rooms} keeps what the gateway knows about rooms (ids, DMs, the active button set).
 */
@NullMarked
package dev.ductor.gateway.matrix;

import org.jspecify.annotations.NullMarked;
