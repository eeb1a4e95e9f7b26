package dev.ductor.gateway.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A WebSocket client that never answers a ping: the plain RFC 6455 framing over a socket, since every client
 * library answers pings by itself. It sends text frames (masked, as a client must) and records the opcodes
 * of the frames it gets until the server closes the connection.
 */
final class SilentSocket implements AutoCloseable {

    static final int PING = 0x9;
    static final int CLOSE = 0x8;

    private final Socket socket;
    private final OutputStream out;
    private final List<Integer> opcodes = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> ended = new CompletableFuture<>();

    SilentSocket(URI ws) throws IOException {
        socket = new Socket(ws.getHost(), ws.getPort());
        out = socket.getOutputStream();
        String key = Base64.getEncoder().encodeToString("silent-socket-16".getBytes(StandardCharsets.US_ASCII));
        out.write(("GET " + ws.getPath() + " HTTP/1.1\r\nHost: " + ws.getHost() + ":" + ws.getPort()
                        + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                        + "\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        String status = headers(in);
        if (!status.startsWith("HTTP/1.1 101")) {
            throw new IOException("no upgrade: " + status);
        }
        Thread.ofVirtual().start(() -> read(in));
    }

    /** Sends {@code text} as one masked text frame. */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x81);
        if (payload.length < 126) {
            frame.write(0x80 | payload.length);
        } else {
            frame.write(0x80 | 126);
            frame.write(payload.length >> 8);
            frame.write(payload.length & 0xff);
        }
        byte[] mask = {0x11, 0x22, 0x33, 0x44};
        frame.write(mask);
        for (int i = 0; i < payload.length; i++) {
            frame.write(payload[i] ^ mask[i % 4]);
        }
        out.write(frame.toByteArray());
        out.flush();
    }

    /** The opcodes of the frames received so far. */
    List<Integer> opcodes() {
        return List.copyOf(opcodes);
    }

    /** Whether the server sent its close frame or dropped the connection. */
    boolean closedByServer() {
        return ended.isDone() || opcodes.contains(CLOSE);
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }

    private void read(InputStream in) {
        try {
            while (true) {
                int first = in.read();
                if (first < 0) {
                    break;
                }
                long length = in.read() & 0x7f;
                if (length == 126) {
                    length = (in.read() << 8) | in.read();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | in.read();
                    }
                }
                in.readNBytes((int) length);
                opcodes.add(first & 0x0f);
            }
        } catch (IOException e) {
            // the connection was dropped
        } finally {
            ended.complete(null);
        }
    }

    private static String headers(InputStream in) throws IOException {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                String done = line.toString().strip();
                if (done.isEmpty()) {
                    break;
                }
                lines.add(done);
                line.setLength(0);
            } else {
                line.append((char) c);
            }
        }
        if (lines.isEmpty()) {
            throw new UncheckedIOException(new IOException("no answer to the upgrade"));
        }
        return lines.getFirst();
    }
}
