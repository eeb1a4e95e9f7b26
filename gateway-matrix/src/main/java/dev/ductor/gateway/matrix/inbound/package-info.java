/** From {@code /sync} to the bus: invites, messages, reactions and files, authorised first. */
@NullMarked
package dev.ductor.gateway.matrix.inbound;

import org.jspecify.annotations.NullMarked;
