package dev.ductor.gateway.telegram.outbound;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** What the gateway sent for one outboundRef or streamId: where, as a reply to what, and the message ids. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SentRef(
        long chatId, @Nullable Long threadId, @Nullable Integer replyTo, List<Integer> messageIds, boolean closed) {

    SentRef {
        messageIds = List.copyOf(messageIds);
    }
}
