/** What the gateway knows about rooms: numeric ids, DMs, encryption, the active button set. */
@NullMarked
package dev.ductor.gateway.matrix.rooms;

import org.jspecify.annotations.NullMarked;
