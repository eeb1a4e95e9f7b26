package dev.ductor.gateway.matrix.outbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ductor.gateway.matrix.client.MatrixException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outbound retries (behaviour §9.7; docs/design.md "No message is ever lost" 5). */
class RoomSenderTest {

    @TempDir
    Path store;

    private RoomSender sender(ScriptedPort port) {
        return port.sender(store);
    }

    @Test
    void anOutageIsWaitedOutWithoutALimitAndTheSendShowsOnce() {
        ScriptedPort port = new ScriptedPort()
                .failing(20, 0, "M_IO")
                .failing(20, 502, "M_UNKNOWN")
                .failing(5, 429, "M_LIMIT_EXCEEDED");

        sender(port).notice("!r", "txn-1", "patient");

        assertThat(port.calls).isEqualTo(46);
        assertThat(port.sent)
                .singleElement()
                .satisfies(s -> assertThat(s.txnId()).isEqualTo("txn-1"));
    }

    @Test
    void aPermanentRefusalIsThrownAtOnce() {
        ScriptedPort port = new ScriptedPort().failing(1, 403, "M_FORBIDDEN");

        assertThatThrownBy(() -> sender(port).notice("!r", "txn-1", "no"))
                .isInstanceOf(MatrixException.class)
                .hasMessageContaining("403");
        assertThat(port.calls).isEqualTo(1);
    }

    @Test
    void stoppingEndsASendThatWaitsToBeRetried() {
        ScriptedPort port = new ScriptedPort().failingForever();
        RoomSender sender = sender(port);
        sender.start();
        CompletableFuture<String> send = CompletableFuture.supplyAsync(() -> sender.notice("!r", "txn-1", "x"));
        await().atMost(Duration.ofSeconds(10)).until(() -> port.calls >= 3);

        sender.stop();

        assertThatThrownBy(send::get)
                .isInstanceOf(ExecutionException.class)
                .cause()
                .isInstanceOf(RoomSender.Stopping.class);
        assertThat(port.sent).isEmpty();
    }
}
