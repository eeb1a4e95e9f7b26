/**
 * The WebSocket API gateway (behaviour §10): {@code socket} speaks ductor's {@code /ws} protocol (auth frame,
 * NaCl box frames) and publishes the client's messages, {@code outbound} turns the orchestrator's commands
 * into ductor's streaming events, {@code http} serves {@code /health}, {@code /files} and {@code /upload},
 * {@code crypto} holds the box.
 */
@NullMarked
package dev.ductor.gateway.api;

import org.jspecify.annotations.NullMarked;
