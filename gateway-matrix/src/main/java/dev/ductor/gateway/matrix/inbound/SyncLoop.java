package dev.ductor.gateway.matrix.inbound;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Traces;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.MatrixAllowlist;
import dev.ductor.gateway.matrix.MatrixProperties;
import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.outbound.RoomSender;
import dev.ductor.gateway.matrix.rooms.BroadcastRooms;
import dev.ductor.gateway.matrix.rooms.Rooms;
import dev.ductor.lifecycle.PollingThread;
import dev.ductor.model.Transport;
import dev.ductor.time.Backoff;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.JsonNode;

/**
 * The {@code /sync} loop (behaviour §9.1, §9.8; docs/design.md "No message is ever lost" 1): long polls
 * from the persisted {@code next_batch}, handles invites, then every timeline event of every joined room in
 * order, publishing each to the orchestrator and waiting for the broker's confirm (retrying a failed
 * publish), and only then persists the batch's {@code next_batch}. A room whose timeline was {@code limited}
 * (more events than one answer carries) first gets the left-out events fetched and published
 * ({@link TimelineGaps}). Each room's events are handled in a lane of their own, off the sync thread (a download
 * in one room does not hold up another); within a room they are published in order. A gateway killed mid-batch syncs the
 * batch again and republishes under the same message ids ({@code mx:<chat>:<event>}), which the
 * orchestrator deduplicates. An account's first sync only records the position: old history is not
 * replayed as new messages. Errors back off; a 429 waits its {@code retry_after_ms}.
 */
final class SyncLoop implements SmartLifecycle {

    static final String ROOM_REJECTED = "This bot is not authorized for this room.";
    private static final Logger log = LoggerFactory.getLogger(SyncLoop.class);

    private final MatrixPort port;
    private final Bus bus;
    private final ConfigStore config;
    private final RoomEvents events;
    private final Rooms rooms;
    private final RoomSender sender;
    private final JoinNotification joinNotification;
    private final BroadcastRooms broadcastRooms;
    private final SyncToken token;
    private final TimelineGaps gaps;
    private final MatrixMetrics metrics;
    private final MatrixProperties properties;
    private final String agent;
    private final PollingThread polling = new PollingThread("matrix-sync");
    /** Event id → how often its handling failed. */
    private final Map<String, Integer> failures = new ConcurrentHashMap<>();
    /** Each room's events of a batch are handled in a lane of their own, off the sync thread. */
    private final ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor();

    SyncLoop(
            MatrixPort port,
            Bus bus,
            ConfigStore config,
            RoomEvents events,
            Rooms rooms,
            RoomSender sender,
            JoinNotification joinNotification,
            BroadcastRooms broadcastRooms,
            SyncToken token,
            TimelineGaps gaps,
            MatrixMetrics metrics,
            MatrixProperties properties,
            String agent) {
        this.joinNotification = joinNotification;
        this.broadcastRooms = broadcastRooms;
        this.port = port;
        this.bus = bus;
        this.config = config;
        this.events = events;
        this.rooms = rooms;
        this.sender = sender;
        this.token = token;
        this.gaps = gaps;
        this.metrics = metrics;
        this.properties = properties;
        this.agent = agent;
    }

    @Override
    public void start() {
        polling.start(this::run);
    }

    @Override
    public void stop() {
        polling.stop(lanes::shutdownNow);
    }

    @Override
    public boolean isRunning() {
        return polling.alive();
    }

    private void run() {
        Backoff backoff = new Backoff(properties.minBackoff(), properties.maxBackoff());
        String since = token.load();
        while (!stopped()) {
            try {
                JsonNode batch = since == null
                        ? port.initialSync()
                        : port.sync(since, properties.syncTimeout().toMillis());
                handle(batch, since);
                String next = batch.path("next_batch").asString("");
                if (!next.isEmpty() && !stopped()) {
                    token.save(next);
                    since = next;
                }
                backoff.reset();
            } catch (MatrixException e) {
                if (stopped()) {
                    return;
                }
                metrics.syncError();
                Duration wait = e.retryAfter(backoff.next());
                log.warn("Matrix sync failed ({}); retrying in {}", e.getMessage(), wait);
                pause(wait);
            } catch (RuntimeException e) {
                metrics.syncError();
                log.error("Matrix sync batch failed; retrying it", e);
                pause(backoff.peek());
            }
        }
    }

    /** The batch's invites and events; {@code since} null for an account's first sync. */
    private void handle(JsonNode batch, @Nullable String since) {
        JsonNode roomsNode = batch.path("rooms");
        for (Map.Entry<String, JsonNode> invite : roomsNode.path("invite").properties()) {
            invited(invite.getKey(), since == null ? "first" : since);
        }
        for (Map.Entry<String, JsonNode> left : roomsNode.path("leave").properties()) {
            rooms.left(left.getKey());
        }
        List<Callable<@Nullable Void>> work = new ArrayList<>();
        for (Map.Entry<String, JsonNode> joined : roomsNode.path("join").properties()) {
            String roomId = joined.getKey();
            rooms.update(roomId, joined.getValue());
            if (since == null) {
                continue; // history before this gateway's first sync is not news (behaviour §9.1)
            }
            JsonNode timeline = joined.getValue().path("timeline");
            work.add(() -> {
                room(roomId, timeline, since);
                return null;
            });
        }
        awaitLanes(work);
    }

    /**
     * The rooms' lanes, each publishing its room's events in order, run side by side: a slow download in one
     * room does not hold up the others. The batch is done when every lane is; a lane that failed fails it.
     */
    private void awaitLanes(List<Callable<@Nullable Void>> work) {
        List<Future<@Nullable Void>> done;
        try {
            done = lanes.invokeAll(work);
        } catch (InterruptedException | RejectedExecutionException e) {
            polling.interrupted();
            return;
        }
        for (Future<@Nullable Void> lane : done) {
            try {
                lane.get();
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException("A room's lane failed", e.getCause());
            } catch (InterruptedException | CancellationException e) {
                return; // stopping
            }
        }
    }

    /** One room's events of the batch, the ones a limited timeline left out first, in order. */
    private void room(String roomId, JsonNode timeline, String since) {
        List<JsonNode> timelineEvents = new ArrayList<>(gaps.missing(roomId, timeline, since));
        timeline.path("events").forEach(timelineEvents::add);
        for (JsonNode event : timelineEvents) {
            if (stopped()) {
                return;
            }
            handleEvent(roomId, event);
        }
    }

    /**
     * One event: converted and published. One whose handling throws fails the batch, which is handled again;
     * when it throws a second time it is skipped with a log line, so a poison event cannot hold up the loop.
     */
    private void handleEvent(String roomId, JsonNode event) {
        String eventId = event.path("event_id").asString("");
        try {
            events.convert(roomId, event).ifPresent(publication -> {
                publish(publication);
                events.published(roomId, publication);
            });
            failures.remove(eventId);
        } catch (RuntimeException e) {
            if (stopped()) {
                throw e;
            }
            if (failures.merge(eventId, 1, Integer::sum) < 2) {
                throw e;
            }
            failures.remove(eventId);
            log.error("Skipping Matrix event {} of room {}: handling it failed twice", eventId, roomId, e);
            metrics.event(event.path("type").asString("unknown"), "skipped");
        }
    }

    /**
     * behaviour §9.8, scenario 86: an allowed room is joined, becomes the last active room and gets the join
     * notification; any other is joined, told, and left.
     */
    private void invited(String roomId, String since) {
        try {
            answerInvite(roomId, since);
        } catch (MatrixException e) {
            if (e.transientFailure()) {
                throw e; // the batch is synced again
            }
            // a withdrawn or forbidden invite must not hold the sync loop up forever
            log.warn("Could not answer the invite to {}: {}", roomId, e.getMessage());
            metrics.event("invite", "failed");
        }
    }

    private void answerInvite(String roomId, String since) {
        port.join(roomId);
        if (MatrixAllowlist.roomAllowed(config.current(), roomId)) {
            log.info("Joined Matrix room {} on invitation", roomId);
            metrics.event("invite", "joined");
            broadcastRooms.active(roomId);
            joinNotification.post(roomId, since);
            return;
        }
        log.warn("Invited to Matrix room {}, which is not in matrix.allowed_rooms: telling it and leaving", roomId);
        metrics.event("invite", "rejected");
        sender.notice(roomId, "rejected:" + roomId + ":" + since, ROOM_REJECTED); // each invite told once
        port.leave(roomId);
    }

    private void publish(RoomEvents.Publication publication) {
        Backoff backoff = new Backoff(properties.minBackoff(), properties.maxBackoff());
        Traces.enter(Traces.newTraceparent());
        try {
            while (!stopped()) {
                try {
                    bus.toOrchestrator(
                            Transport.MATRIX.code(),
                            agent,
                            publication.contract(),
                            publication.messageId(),
                            publication.messageId());
                    metrics.event(publication.kind(), "published");
                    return;
                } catch (AmqpException e) {
                    metrics.event(publication.kind(), "publish_failed");
                    Duration wait = backoff.next();
                    log.warn(
                            "Publishing {} failed ({}); retrying in {}", publication.messageId(), e.getMessage(), wait);
                    pause(wait);
                }
            }
            throw new IllegalStateException("stopping before " + publication.messageId() + " was published");
        } finally {
            Traces.clear();
        }
    }

    private boolean stopped() {
        return polling.stopped();
    }

    private void pause(Duration duration) {
        polling.pause(duration);
    }
}
