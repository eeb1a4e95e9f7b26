/** Outbound contracts from the bus, the outbox every Bot API call goes through, and rendering of streams. */
@NullMarked
package dev.ductor.gateway.telegram.outbound;

import org.jspecify.annotations.NullMarked;
