package dev.ductor.scheduler.webhook;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/** The webhook server if it runs (webhooks enabled and the address free), else nothing. */
public final class WebhookIngress implements AutoCloseable {

    private final @Nullable WebhookServer server;

    WebhookIngress(@Nullable WebhookServer server) {
        this.server = server;
    }

    public Optional<InetSocketAddress> address() {
        return server == null ? Optional.empty() : Optional.of(server.address());
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
    }
}
