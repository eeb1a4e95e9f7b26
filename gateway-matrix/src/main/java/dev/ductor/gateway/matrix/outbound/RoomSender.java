package dev.ductor.gateway.matrix.outbound;

import dev.ductor.gateway.matrix.MatrixProperties;
import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.rooms.ButtonSets;
import dev.ductor.gateway.matrix.rooms.Threads;
import dev.ductor.model.Button;
import dev.ductor.time.Backoff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts into rooms (behaviour §9.6, §9.7), pacing itself under the homeserver's limits: a 429 waits its
 * {@code retry_after_ms}, a server error or lost connection backs off, without a limit (an outage of an hour
 * loses nothing: the bus command stays unacked meanwhile), and every retry repeats the same transaction id, so
 * however often a send is tried it shows once. A permanent refusal (a 4xx other than 429) is thrown at once.
 * When the gateway stops, a send still waiting to be retried ends with {@link Stopping}, which leaves its
 * command unacked for redelivery. Every id a caller passes is derived from the bus message being carried out,
 * so a command redelivered after a crash sends under the same ids too.
 */
public final class RoomSender implements SmartLifecycle {

    /**
     * The room refuses the bot's messages for good before anything was shown: the bot is not (or no longer) in
     * it (403 {@code M_FORBIDDEN}) or the room is unknown (404).
     */
    public static final class RoomRefused extends MatrixException {
        RoomRefused(MatrixException cause) {
            super(cause.status(), cause.errcode(), cause.getMessage(), null);
        }

        static boolean refusal(MatrixException e) {
            return e.status() == 403 || e.status() == 404;
        }
    }

    /** The gateway is stopping while a send waits to be retried: its command must stay unacked. */
    public static final class Stopping extends RuntimeException {
        Stopping(String what) {
            super("stopping while " + what + " waits to be retried");
        }
    }

    private static final Logger log = LoggerFactory.getLogger(RoomSender.class);
    /**
     * What a message's {@code body} and {@code formatted_body} may take together, in UTF-8 bytes: the event
     * limit is 65,536 bytes, and the rest is left for the event's other fields and JSON escapes.
     */
    static final int MAX_EVENT_BYTES = 60_000;

    /** {@code \n} in the body and {@code <br>} in the HTML. */
    private static final int LINE_BREAK = 5;
    /** At most what one character becomes in the HTML ({@code `} is {@code <code>}, {@code [} is {@code <a href="}). */
    private static final int MARKUP = 10;

    private final MatrixPort port;
    private final ButtonSets buttons;
    private final Threads threads;
    private final MatrixMetrics metrics;
    private final MatrixProperties properties;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final CountDownLatch stopping = new CountDownLatch(1);
    private volatile boolean running;

    public RoomSender(
            MatrixPort port, ButtonSets buttons, Threads threads, MatrixMetrics metrics, MatrixProperties properties) {
        this.port = port;
        this.buttons = buttons;
        this.threads = threads;
        this.metrics = metrics;
        this.properties = properties;
    }

    /** A plain {@code m.notice} (the gateway's own texts: no Markdown, no buttons). Returns the event id. */
    public String notice(String roomId, String txnId, String text) {
        ObjectNode content =
                mapper.createObjectNode().put("msgtype", "m.notice").put("body", text);
        return send(roomId, "m.room.message", txnId, content);
    }

    /**
     * Markdown as {@code m.text} with a plain body and an HTML {@code formatted_body}, split on line
     * boundaries when too long; {@code options} become a numbered list under the last part, the bot's own
     * number reactions on it and the room's active button set. Returns the last event id.
     *
     * @throws RoomRefused when the room refuses the first part for good (nothing was shown)
     */
    public String markdown(String roomId, String txnId, String text, List<List<Button>> options) {
        return markdown(roomId, txnId, text, options, Answering.NOTHING);
    }

    /** {@link #markdown(String, String, String, List)} as (part of) the answer to {@code answering}. */
    String markdown(String roomId, String txnId, String text, List<List<Button>> options, Answering answering) {
        return post(roomId, txnId, text, options, answering).last();
    }

    /** {@link #markdown(String, String, String, List, Answering)}, answering every event it posted. */
    PostedMessages.Posted post(
            String roomId, String txnId, String text, List<List<Button>> options, Answering answering) {
        List<Button> flat = options.stream().flatMap(List::stream).toList();
        List<String> parts = split(withOptions(text, flat));
        List<String> events = new ArrayList<>();
        for (int i = 0; i < parts.size(); i++) {
            try {
                events.add(send(
                        roomId,
                        "m.room.message",
                        i == 0 ? txnId : txnId + ":" + i,
                        markdownContent(parts.get(i)),
                        i == 0 ? answering : answering.continued()));
            } catch (MatrixException e) {
                throw i == 0 && RoomRefused.refusal(e) ? new RoomRefused(e) : e;
            }
        }
        PostedMessages.Posted posted = new PostedMessages.Posted(roomId, events, 0);
        return offer(posted, txnId, flat);
    }

    /**
     * Replaces a text posted earlier with {@code text} and {@code options} (behaviour §9.7): when both fit one
     * event, an {@code m.replace} edit of it ({@code m.new_content}, the body shown by clients without edits
     * {@code * }-prefixed) whose options are the room's active set on the original event, with the number
     * reactions it lacks added; otherwise the earlier events are redacted and the text posted anew.
     */
    PostedMessages.Posted edit(PostedMessages.Posted earlier, String txnId, String text, List<List<Button>> options) {
        List<Button> flat = options.stream().flatMap(List::stream).toList();
        List<String> parts = split(withOptions(text, flat));
        if (parts.size() > 1 || earlier.eventIds().size() > 1) {
            redact(earlier, txnId + ":x");
            return post(earlier.roomId(), txnId, text, options, Answering.NOTHING);
        }
        String original = earlier.last();
        ObjectNode newContent = markdownContent(parts.getFirst());
        ObjectNode content = markdownContent("* " + parts.getFirst());
        content.put("formatted_body", "* " + newContent.get("formatted_body").asString());
        content.set("m.new_content", newContent);
        content.putObject("m.relates_to").put("rel_type", "m.replace").put("event_id", original);
        send(earlier.roomId(), "m.room.message", txnId, content);
        if (flat.isEmpty()) {
            buttons.retire(earlier.roomId(), original);
        }
        return offer(earlier, txnId, flat);
    }

    /** Redacts the events of {@code posted}, each under {@code txnId:<n>}; one already gone is passed over. */
    void redact(PostedMessages.Posted posted, String txnId) {
        buttons.retire(posted.roomId(), posted.last());
        for (int i = 0; i < posted.eventIds().size(); i++) {
            String eventId = posted.eventIds().get(i);
            String txn = txnId + ":" + i;
            try {
                retrying("redact", () -> port.redact(posted.roomId(), eventId, txn));
                metrics.send("redacted");
            } catch (MatrixException e) {
                log.warn("Could not redact {} in {} ({}); passed over", eventId, posted.roomId(), e.getMessage());
            }
        }
    }

    /**
     * Makes {@code options} the room's active set on {@code posted}'s last event and puts the number reactions
     * it does not carry yet on it (txn ids {@code txnId:r<n>}).
     */
    private PostedMessages.Posted offer(PostedMessages.Posted posted, String txnId, List<Button> options) {
        if (options.isEmpty()) {
            return posted;
        }
        String last = posted.last();
        buttons.activate(
                posted.roomId(),
                new ButtonSets.ButtonSet(
                        last, options.stream().map(Button::data).toList()));
        int wanted = Math.min(options.size(), ButtonSets.KEYCAPS.size());
        for (int i = posted.reactions(); i < wanted; i++) {
            ObjectNode reaction = mapper.createObjectNode();
            reaction.putObject("m.relates_to")
                    .put("rel_type", "m.annotation")
                    .put("event_id", last)
                    .put("key", ButtonSets.KEYCAPS.get(i));
            send(posted.roomId(), "m.reaction", txnId + ":r" + i, reaction);
        }
        return new PostedMessages.Posted(posted.roomId(), posted.eventIds(), Math.max(posted.reactions(), wanted));
    }

    private static String withOptions(String text, List<Button> options) {
        return options.isEmpty() ? text : text + (text.isBlank() ? "" : "\n\n") + numbered(options);
    }

    private ObjectNode markdownContent(String part) {
        return mapper.createObjectNode()
                .put("msgtype", "m.text")
                .put("body", part)
                .put("format", "org.matrix.custom.html")
                .put("formatted_body", MatrixHtml.render(part));
    }

    /**
     * Uploads {@code file} and posts it as {@code m.image}, {@code m.audio}, {@code m.video} or {@code m.file},
     * in the thread of what it answers.
     */
    String file(String roomId, String txnId, Path file, Answering answering) {
        byte[] bytes;
        String mime;
        try {
            bytes = Files.readAllBytes(file);
            mime = Files.probeContentType(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
        String type = mime == null ? "application/octet-stream" : mime;
        String name = file.getFileName().toString();
        String mxc = retrying("upload", () -> port.upload(bytes, type, name));
        ObjectNode content = mapper.createObjectNode()
                .put("msgtype", msgtype(type))
                .put("body", name)
                .put("url", mxc);
        content.putObject("info").put("mimetype", type).put("size", bytes.length);
        return send(roomId, "m.room.message", txnId, content, answering.continued());
    }

    /** Shows or stops the typing notification (best effort: a failure only costs the indicator). */
    void typing(String roomId, boolean typing) {
        try {
            port.typing(roomId, typing, 30_000);
        } catch (MatrixException e) {
            log.debug("Typing notification in {} failed: {}", roomId, e.getMessage());
        }
    }

    private String send(String roomId, String type, String txnId, ObjectNode content) {
        String eventId = retrying("send", () -> port.send(roomId, type, txnId, content));
        metrics.send("sent");
        return eventId;
    }

    /**
     * A message answering {@code answering.replyTo()} (behaviour §9.7): in the thread of that event when it was
     * one of a thread (the first message a reply within it, the rest with {@code is_falling_back}), otherwise
     * the first message a reply to it.
     */
    private String send(String roomId, String type, String txnId, ObjectNode content, Answering answering) {
        String replyTo = answering.replyTo();
        if (replyTo == null || replyTo.isBlank()) {
            return send(roomId, type, txnId, content);
        }
        String root = threads.root(replyTo).orElse(null);
        if (root != null) {
            content.putObject("m.relates_to")
                    .put("rel_type", "m.thread")
                    .put("event_id", root)
                    .put("is_falling_back", !answering.first())
                    .putObject("m.in_reply_to")
                    .put("event_id", replyTo);
        } else if (answering.first()) {
            content.putObject("m.relates_to").putObject("m.in_reply_to").put("event_id", replyTo);
        }
        String eventId = send(roomId, type, txnId, content);
        if (root != null) {
            threads.record(eventId, root);
        }
        return eventId;
    }

    private <T> T retrying(String what, Supplier<T> call) {
        Backoff backoff = new Backoff(properties.minBackoff(), properties.maxBackoff());
        while (true) {
            if (stopping.getCount() == 0) {
                throw new Stopping(what);
            }
            try {
                return call.get();
            } catch (MatrixException e) {
                if (!e.transientFailure()) {
                    metrics.send("failed");
                    throw e;
                }
                metrics.send("retried");
                Duration wait = e.retryAfter(backoff.next());
                log.warn("Matrix {} failed ({}); retrying in {}", what, e.getMessage(), wait);
                pause(wait, what);
            }
        }
    }

    private void pause(Duration wait, String what) {
        try {
            if (stopping.await(wait.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Stopping(what);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Stopping(what);
        }
    }

    @Override
    public void start() {
        running = true;
    }

    /** Sends waiting to be retried end ({@link Stopping}); stopped before the outbound listener. */
    @Override
    public void stop() {
        running = false;
        stopping.countDown();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    /** {@code 1️⃣ Label} … {@code 🔟 Label}, then {@code 11. Label} (behaviour §9.6). */
    static String numbered(List<Button> options) {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String mark = i < ButtonSets.KEYCAPS.size() ? ButtonSets.KEYCAPS.get(i) : (i + 1) + ".";
            lines.add(mark + " " + options.get(i).label());
        }
        return String.join("\n", lines);
    }

    /**
     * Parts whose body and HTML stay within {@link #MAX_EVENT_BYTES}, cut at line ends; a line longer than that
     * alone is cut between characters (never inside one). Each line is measured once and each part rendered
     * once to check it, so the work grows linearly with the text.
     */
    static List<String> split(String text) {
        return split(text, MAX_EVENT_BYTES);
    }

    static List<String> split(String text, int budget) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean started = false;
        int used = 0;
        for (String line : text.split("\n", -1)) {
            List<String> pieces = pieces(line, budget);
            for (int i = 0; i < pieces.size(); i++) {
                String piece = pieces.get(i);
                int cost = bytes(piece) + bytes(MatrixHtml.render(piece));
                if (started && (i > 0 || used + LINE_BREAK + cost > budget)) {
                    parts.add(current.toString());
                    current.setLength(0);
                    started = false;
                    used = 0;
                }
                if (started) {
                    current.append('\n');
                    used += LINE_BREAK;
                }
                current.append(piece);
                used += cost;
                started = true;
            }
        }
        parts.add(current.toString());
        List<String> checked = new ArrayList<>();
        for (String part : parts) {
            int over = bytes(part) + bytes(MatrixHtml.render(part)) - budget;
            if (over > 0 && budget - over - 1024 > 1024) {
                checked.addAll(split(part, budget - over - 1024)); // markup across lines (a code fence) cost more
            } else {
                checked.add(part);
            }
        }
        return checked;
    }

    /** {@code line} whole when it fits the budget, else cut between characters into pieces that do. */
    private static List<String> pieces(String line, int budget) {
        if (line.length() * (4 + MARKUP) <= budget) {
            return List.of(line);
        }
        List<String> pieces = new ArrayList<>();
        int start = 0;
        int used = 0;
        for (int at = 0; at < line.length(); ) {
            int codePoint = line.codePointAt(at);
            int utf8 = bytes(Character.toString(codePoint));
            int cost = utf8 + ("&<>\"`*_~[]()".indexOf(codePoint) >= 0 ? MARKUP : utf8);
            if (used + cost > budget) {
                pieces.add(line.substring(start, at));
                start = at;
                used = 0;
            }
            used += cost;
            at += Character.charCount(codePoint);
        }
        pieces.add(line.substring(start));
        return pieces;
    }

    private static int bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private static String msgtype(String mime) {
        String kind = mime.toLowerCase(Locale.ROOT);
        if (kind.startsWith("image/")) {
            return "m.image";
        }
        if (kind.startsWith("audio/")) {
            return "m.audio";
        }
        return kind.startsWith("video/") ? "m.video" : "m.file";
    }
}
