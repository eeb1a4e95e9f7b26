package dev.ductor.gateway.matrix.client;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The calls the gateway makes to the homeserver, as the logged-in bot. Every failure is a
 * {@link MatrixException} (with the homeserver's {@code errcode} and, for 429, {@code retry_after_ms}).
 */
public interface MatrixPort {

    /** The bot's own user id ({@code @bot:server}). */
    String userId();

    /** {@code GET /sync}: {@code since} null for the first sync, {@code timeoutMs} the long-poll wait. */
    JsonNode sync(String since, long timeoutMs);

    /** The first sync of an account: no {@code since}, no wait. */
    JsonNode initialSync();

    /**
     * {@code GET /rooms/{room}/messages?dir=b}: up to {@code limit} of the room's events before {@code from}
     * and not before {@code to}, newest first ({@code chunk}); {@code end} continues further back and is
     * missing when nothing is left.
     */
    JsonNode messagesBefore(String roomId, String from, String to, int limit);

    void join(String roomId);

    void leave(String roomId);

    /**
     * {@code PUT /rooms/{room}/send/{type}/{txnId}}: the same {@code txnId} sent again (after a crash or a
     * lost answer) returns the first event instead of posting a second one. Returns the event id.
     */
    String send(String roomId, String type, String txnId, ObjectNode content);

    /**
     * {@code PUT /rooms/{room}/redact/{eventId}/{txnId}}: removes the content of one of the bot's events; the
     * same {@code txnId} again redacts once. Returns the redaction's event id.
     */
    String redact(String roomId, String eventId, String txnId);

    void typing(String roomId, boolean typing, long timeoutMs);

    /** {@code PUT /rooms/{room}/state/{type}/{stateKey}}: sets a piece of room state; returns the event id. */
    String putState(String roomId, String type, String stateKey, ObjectNode content);

    /** {@code POST /rooms/{room}/read_markers}: the bot has read the room up to {@code eventId}. */
    void readMarkers(String roomId, String eventId);

    /** Uploads to the media repository; returns the {@code mxc://} uri. */
    String upload(byte[] content, String contentType, String fileName);

    /** Downloads {@code mxc://server/id} through the authenticated v1 media API, at most {@code maxBytes}. */
    byte[] download(String mxc, long maxBytes);
}
