/**
 * The streamed answer as the gateways rebuild it from {@link dev.ductor.model.StreamAppend} deltas: one
 * rule for overlaps, gaps and the length cap ({@link dev.ductor.stream.StreamText}), shared by every gateway.
 */
@NullMarked
package dev.ductor.stream;

import org.jspecify.annotations.NullMarked;
