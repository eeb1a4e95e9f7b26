/** A client of the WebSocket API (behaviour §10) that speaks ductor's protocol, encryption included. */
@NullMarked
package dev.ductor.testkit.api;

import org.jspecify.annotations.NullMarked;
