package dev.ductor.gateway.matrix.inbound;

import dev.ductor.config.DuctorConfig;
import dev.ductor.config.MatrixAllowlist;
import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.outbound.RoomSender;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.ButtonSets;
import dev.ductor.gateway.matrix.rooms.RoomIds;
import dev.ductor.gateway.matrix.rooms.Rooms;
import dev.ductor.gateway.matrix.rooms.Threads;
import dev.ductor.media.ImageTooLargeException;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.model.ChatType;
import dev.ductor.model.Contract;
import dev.ductor.model.InboundMessage;
import dev.ductor.model.Transport;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Turns one room event into what goes to the orchestrator (behaviour §9.3, §9.6, §9.8), authorising the
 * sender with {@link MatrixAllowlist} before anything else happens: a stranger's message, file or reaction
 * is dropped without a download, a file or a reply. The bot's own events are ignored; a text that is only a
 * number, or a number reaction on the active button set's message, is a button press (taken once);
 * {@code m.image}/{@code m.file}/{@code m.audio}/{@code m.video} are downloaded first; an encrypted event is
 * answered once per room with a plain notice that the bot cannot read it. A message the bot takes makes its room
 * the last active one and, with {@code scene.seen_reaction}, is marked read; one written in a thread is
 * remembered with its thread's root, so its answer goes there.
 */
final class RoomEvents {

    static final String DOWNLOAD_FAILED = "Could not download that file.";
    static final String ENCRYPTED_NOTICE = "This room is end-to-end encrypted, and this bot cannot read encrypted"
            + " messages yet. Please talk to it in a room without encryption.";
    private static final Logger log = LoggerFactory.getLogger(RoomEvents.class);
    private static final Set<String> FILES = Set.of("m.image", "m.file", "m.audio", "m.video");
    private static final int REMEMBERED_OWN_EVENTS = 1000;

    /** Where an event comes from: its room, as a chat of the bus, its sender and its ids. */
    private record Origin(
            String roomId, ChatRef chat, String chatType, String sender, String eventId, String messageId) {}

    /** A bus message: the contract and its deterministic message id. */
    record Publication(Contract contract, String messageId, String kind) {}

    private final String agent;
    private final String botUserId;
    private final Supplier<DuctorConfig> config;
    private final RoomIds roomIds;
    private final Rooms rooms;
    private final ButtonSets buttons;
    private final IncomingFiles files;
    private final RoomSender sender;
    private final Threads threads;
    private final BroadcastRooms broadcastRooms;
    private final MatrixPort port;
    private final MatrixMetrics metrics;
    /** The bot's recent event ids: a reply to one of them addresses the bot. */
    private final Set<String> ownEvents = Collections.synchronizedSet(new LinkedHashSet<>());

    RoomEvents(
            String agent,
            String botUserId,
            Supplier<DuctorConfig> config,
            RoomIds roomIds,
            Rooms rooms,
            ButtonSets buttons,
            IncomingFiles files,
            RoomSender sender,
            Threads threads,
            BroadcastRooms broadcastRooms,
            MatrixPort port,
            MatrixMetrics metrics) {
        this.threads = threads;
        this.broadcastRooms = broadcastRooms;
        this.port = port;
        this.agent = agent;
        this.botUserId = botUserId;
        this.config = config;
        this.roomIds = roomIds;
        this.rooms = rooms;
        this.buttons = buttons;
        this.files = files;
        this.sender = sender;
        this.metrics = metrics;
    }

    /** What {@code event} of {@code roomId} publishes, if anything. */
    Optional<Publication> convert(String roomId, JsonNode event) {
        String sender = event.path("sender").asString("");
        String eventId = event.path("event_id").asString("");
        String type = event.path("type").asString("");
        if (sender.equals(botUserId)) {
            remember(eventId);
            return Optional.empty();
        }
        if (!type.equals("m.room.message") && !type.equals("m.reaction") && !type.equals("m.room.encrypted")) {
            return Optional.empty();
        }
        String chatType = rooms.get(roomId).direct() ? "private" : "group";
        if (!MatrixAllowlist.allows(config.get(), chatType, roomId, sender)) {
            metrics.event(type, "stranger");
            log.debug("Dropping {} of a sender not allowed in {}", type, roomId);
            return Optional.empty();
        }
        ChatRef chat = new ChatRef(Transport.MATRIX.code(), agent, roomIds.chatId(roomId), null);
        String messageId = Transport.MATRIX.code() + ":" + chat.chatId() + ":" + eventId;
        JsonNode content = event.path("content");
        Origin origin = new Origin(roomId, chat, chatType, sender, eventId, messageId);
        return switch (type) {
            case "m.reaction" -> reaction(origin, content);
            case "m.room.encrypted" -> {
                encrypted(roomId, eventId);
                yield Optional.empty();
            }
            default -> message(origin, event);
        };
    }

    private Optional<Publication> reaction(Origin origin, JsonNode content) {
        JsonNode relation = content.path("m.relates_to");
        String target = relation.path("event_id").asString("");
        return buttons.byReaction(origin.roomId(), target, relation.path("key").asString(""))
                .map(data -> press(origin, target, data, "reaction"));
    }

    private Optional<Publication> message(Origin origin, JsonNode event) {
        String roomId = origin.roomId();
        String eventId = origin.eventId();
        JsonNode content = event.path("content");
        String msgtype = content.path("msgtype").asString("");
        String body = content.path("body").asString("");
        if (msgtype.equals("m.text") || msgtype.equals("m.emote")) {
            Optional<String> picked = buttons.byNumber(roomId, body);
            if (picked.isPresent()) {
                String target = buttons.eventId(roomId).orElse("");
                return Optional.of(press(origin, target, picked.get(), "number"));
            }
        }
        String text;
        if (FILES.contains(msgtype)) {
            String url = content.path("url").asString("");
            if (!url.startsWith("mxc://")) {
                metrics.event(msgtype, "unsupported"); // an encrypted attachment (content.file) cannot be read
                return Optional.empty();
            }
            try {
                text = files.store(
                        url, body, content.path("info").path("mimetype").asString(null), msgtype, null);
            } catch (MatrixException e) {
                log.warn("Could not download {} of {}: {}", msgtype, eventId, e.getMessage());
                metrics.event(msgtype, "download_failed");
                tell(roomId, "download:" + eventId, DOWNLOAD_FAILED);
                return Optional.empty();
            } catch (ImageTooLargeException e) {
                log.warn("Refused {} of {}: {}", msgtype, eventId, e.getMessage());
                metrics.event(msgtype, "refused");
                tell(roomId, "download:" + eventId, DOWNLOAD_FAILED);
                return Optional.empty();
            }
        } else if (msgtype.equals("m.text") || msgtype.equals("m.emote")) {
            text = body;
        } else {
            return Optional.empty(); // m.notice (other bots), locations, …
        }
        boolean direct = ChatType.of(origin.chatType()) == ChatType.PRIVATE;
        String formatted = content.path("formatted_body").asString("");
        String replyTo = content.path("m.relates_to")
                .path("m.in_reply_to")
                .path("event_id")
                .asString("");
        boolean mentioned = text.contains(botUserId) || formatted.contains(botUserId);
        boolean addressed = direct || mentioned || ownEvents.contains(replyTo);
        if (mentioned) {
            text = text.replace(botUserId, "").strip();
        }
        if (text.isBlank()) {
            return Optional.empty();
        }
        JsonNode relation = content.path("m.relates_to");
        if (relation.path("rel_type").asString("").equals("m.thread")) {
            // the session stays the room's (behaviour §9.2); the answer goes into this thread (§9.7)
            threads.record(eventId, relation.path("event_id").asString(""));
        }
        DuctorConfig current = config.get();
        if (addressed || !current.groupMentionOnly()) { // a message the bot takes (ductor's mention filter)
            broadcastRooms.active(roomId);
            if (current.scene().seenReaction()) {
                markRead(roomId, eventId);
            }
        }
        InboundMessage message = new InboundMessage(
                origin.chat(),
                origin.chatType(),
                RoomIds.userNumber(origin.sender()),
                rooms.displayName(roomId, origin.sender()).orElseGet(() -> localpart(origin.sender())),
                eventId,
                text,
                null,
                addressed,
                Instant.ofEpochMilli(event.path("origin_server_ts").asLong(System.currentTimeMillis())),
                roomId,
                origin.sender());
        return Optional.of(new Publication(message, origin.messageId(), FILES.contains(msgtype) ? "file" : "message"));
    }

    private Publication press(Origin origin, String target, String data, String kind) {
        ButtonPressed press = new ButtonPressed(
                origin.chat(),
                origin.chatType(),
                RoomIds.userNumber(origin.sender()),
                origin.eventId(),
                target,
                data,
                origin.roomId(),
                origin.sender());
        return new Publication(press, origin.messageId(), kind);
    }

    /** After a press was published: the set is used up (behaviour §9.6, scenario 85). */
    void published(String roomId, Publication publication) {
        if (publication.contract() instanceof ButtonPressed) {
            buttons.consume(roomId);
        }
    }

    private void encrypted(String roomId, String eventId) {
        log.warn(
                "Matrix room {} is end-to-end encrypted; this gateway cannot read event {} (behaviour §9.9)",
                roomId,
                eventId);
        metrics.event("m.room.encrypted", "unreadable");
        if (rooms.noticeEncryption(roomId)) {
            tell(roomId, "encrypted:" + roomId, ENCRYPTED_NOTICE);
        }
    }

    /** A notice of the gateway's own in the room (best effort: the room may refuse it). */
    private void tell(String roomId, String txnId, String text) {
        try {
            sender.notice(roomId, txnId, text);
        } catch (MatrixException e) {
            log.warn("Could not tell room {}: {}", roomId, e.getMessage());
        }
    }

    private void remember(String eventId) {
        synchronized (ownEvents) {
            ownEvents.add(eventId);
            while (ownEvents.size() > REMEMBERED_OWN_EVENTS) {
                ownEvents.remove(ownEvents.iterator().next());
            }
        }
    }

    /** ductor's read receipt when {@code scene.seen_reaction} is on (best effort). */
    private void markRead(String roomId, String eventId) {
        try {
            port.readMarkers(roomId, eventId);
        } catch (MatrixException e) {
            log.debug("Could not mark {} read in {}: {}", eventId, roomId, e.getMessage());
        }
    }

    private static String localpart(String userId) {
        int colon = userId.indexOf(':');
        return userId.startsWith("@") && colon > 1 ? userId.substring(1, colon) : userId;
    }
}
