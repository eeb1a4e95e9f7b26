/** From the bus to rooms: segments, Matrix HTML, buttons as reactions, files, typing. */
@NullMarked
package dev.ductor.gateway.matrix.outbound;

import org.jspecify.annotations.NullMarked;
