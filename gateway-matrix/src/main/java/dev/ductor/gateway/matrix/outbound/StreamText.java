package dev.ductor.gateway.matrix.outbound;

import dev.ductor.model.StreamAppend;

/**
 * The one place that turns a stream's {@code StreamAppend}s into "the whole answer so far". Today an append
 * carries the whole text (latest-wins, docs/design.md "No message is ever lost" 5), so the text is the
 * append's; a delta contract would be adapted here alone.
 */
final class StreamText {

    /** The whole text after {@code append}, given the whole text before it. */
    String whole(String before, StreamAppend append) {
        return append.text();
    }
}
