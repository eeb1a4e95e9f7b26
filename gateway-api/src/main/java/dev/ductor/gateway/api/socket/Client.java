package dev.ductor.gateway.api.socket;

import dev.ductor.gateway.api.crypto.Box;
import dev.ductor.model.ChatRef;
import java.io.IOException;
import org.springframework.web.socket.CloseStatus;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;

/** One authenticated connection: its chat and its box; every frame it is sent is encrypted. */
public final class Client {

    private final WebSocketSession session;
    private final Box box;
    private final ChatRef chat;

    Client(WebSocketSession session, Box box, ChatRef chat) {
        this.session = session;
        this.box = box;
        this.chat = chat;
    }

    public ChatRef chat() {
        return chat;
    }

    String open(String frame) {
        return box.open(frame);
    }

    /** Sends {@code json} encrypted; false when the connection is gone or the send failed. */
    public boolean send(String json) {
        if (!session.isOpen()) {
            return false;
        }
        try {
            synchronized (session) {
                session.sendMessage(new TextMessage(box.seal(json)));
            }
            return true;
        } catch (IOException | IllegalStateException e) {
            close();
            return false;
        }
    }

    void close() {
        try {
            session.close(CloseStatus.GOING_AWAY);
        } catch (IOException ignored) {
            // already gone
        }
    }
}
