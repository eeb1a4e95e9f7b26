package dev.ductor.gateway.matrix.outbound;

import dev.ductor.gateway.matrix.MatrixProperties;
import dev.ductor.gateway.matrix.client.MatrixException;
import dev.ductor.gateway.matrix.client.MatrixMetrics;
import dev.ductor.gateway.matrix.client.MatrixPort;
import dev.ductor.gateway.matrix.rooms.ButtonSets;
import dev.ductor.model.Button;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Posts into rooms (behaviour §9.6, §9.7), pacing itself under the homeserver's limits: a 429 waits its
 * {@code retry_after_ms}, a server error or lost connection backs off, and every retry repeats the same
 * transaction id, so however often a send is tried it shows once. Every id a caller passes is derived from
 * the bus message being carried out, so a command redelivered after a crash sends under the same ids too.
 */
public final class RoomSender {

    private static final Logger log = LoggerFactory.getLogger(RoomSender.class);
    /** ductor splits messages whose HTML is over 60,000 bytes (the event limit is 65,536). */
    static final int MAX_HTML_BYTES = 60_000;

    private static final int ATTEMPTS = 8;

    private final MatrixPort port;
    private final ButtonSets buttons;
    private final MatrixMetrics metrics;
    private final MatrixProperties properties;
    private final JsonMapper mapper = JsonMapper.builder().build();

    public RoomSender(MatrixPort port, ButtonSets buttons, MatrixMetrics metrics, MatrixProperties properties) {
        this.port = port;
        this.buttons = buttons;
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
     */
    String markdown(String roomId, String txnId, String text, List<List<Button>> options) {
        List<Button> flat = options.stream().flatMap(List::stream).toList();
        String full = flat.isEmpty() ? text : text + (text.isBlank() ? "" : "\n\n") + numbered(flat);
        List<String> parts = split(full);
        String last = "";
        for (int i = 0; i < parts.size(); i++) {
            ObjectNode content = mapper.createObjectNode()
                    .put("msgtype", "m.text")
                    .put("body", parts.get(i))
                    .put("format", "org.matrix.custom.html")
                    .put("formatted_body", MatrixHtml.render(parts.get(i)));
            last = send(roomId, "m.room.message", i == 0 ? txnId : txnId + ":" + i, content);
        }
        if (!flat.isEmpty()) {
            buttons.activate(
                    roomId,
                    new ButtonSets.ButtonSet(
                            last, flat.stream().map(Button::data).toList()));
            for (int i = 0; i < Math.min(flat.size(), ButtonSets.KEYCAPS.size()); i++) {
                ObjectNode reaction = mapper.createObjectNode();
                reaction.putObject("m.relates_to")
                        .put("rel_type", "m.annotation")
                        .put("event_id", last)
                        .put("key", ButtonSets.KEYCAPS.get(i));
                send(roomId, "m.reaction", txnId + ":r" + i, reaction);
            }
        }
        return last;
    }

    /** Uploads {@code file} and posts it as {@code m.image}, {@code m.audio}, {@code m.video} or {@code m.file}. */
    String file(String roomId, String txnId, Path file) {
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
        return send(roomId, "m.room.message", txnId, content);
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

    private <T> T retrying(String what, Supplier<T> call) {
        Duration backoff = properties.minBackoff();
        for (int attempt = 1; ; attempt++) {
            try {
                return call.get();
            } catch (MatrixException e) {
                if (!e.transientFailure() || attempt >= ATTEMPTS) {
                    metrics.send("failed");
                    throw e;
                }
                metrics.send("retried");
                Duration wait = e.retryAfterMs() != null ? Duration.ofMillis(e.retryAfterMs()) : backoff;
                log.warn("Matrix {} failed ({}); retrying in {}", what, e.getMessage(), wait);
                sleep(wait);
                backoff = backoff.multipliedBy(2).compareTo(properties.maxBackoff()) > 0
                        ? properties.maxBackoff()
                        : backoff.multipliedBy(2);
            }
        }
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

    /** Parts whose HTML stays under {@link #MAX_HTML_BYTES}, cut at line ends. */
    static List<String> split(String text) {
        List<String> parts = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : text.split("\n", -1)) {
            String candidate = current.isEmpty() ? line : current + "\n" + line;
            if (!current.isEmpty() && htmlBytes(candidate) > MAX_HTML_BYTES) {
                parts.add(current.toString());
                current = new StringBuilder(line);
            } else {
                current = new StringBuilder(candidate);
            }
        }
        parts.add(current.toString());
        return parts;
    }

    private static int htmlBytes(String text) {
        return MatrixHtml.render(text).getBytes(StandardCharsets.UTF_8).length;
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

    private static void sleep(Duration wait) {
        try {
            Thread.sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MatrixException(0, "M_IO", "interrupted while waiting to retry", null);
        }
    }
}
