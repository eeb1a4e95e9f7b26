package dev.ductor.scheduler.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.scheduler.SchedulerMetrics;
import dev.ductor.time.Zones;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** behaviour §5.8: a sub-agent's webhook server on a port that is taken is a logged error, not a failed start. */
@ExtendWith(OutputCaptureExtension.class)
class WebhookConfigurationTest {

    @TempDir
    Path home;

    @Test
    void aPortInUseLeavesThatAgentsWebhooksOffAndSaysWhoseAndWhy(CapturedOutput output) throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            Path file = Files.createDirectories(home.resolve("config")).resolve("config.json");
            Files.writeString(file, """
                    {"webhooks": {"enabled": true, "host": "127.0.0.1", "port": %d, "token": "t"}}""".formatted(taken.getLocalPort()));
            var config = new ConfigStore(new ConfigLoader(Map.of()), file);

            try (WebhookIngress ingress = new WebhookConfiguration()
                    .webhookIngress(
                            config,
                            new HooksFile(home.resolve("webhooks.json")),
                            (transport, message, id) -> {},
                            new SchedulerMetrics(new SimpleMeterRegistry()),
                            new Zones(Map.of()),
                            Clock.systemUTC(),
                            new Topology("", "helper"))) {
                assertThat(ingress.address()).isEmpty();
            }
            assertThat(output.getOut())
                    .contains(
                            "Webhook server of agent 'helper' cannot listen on 127.0.0.1:" + taken.getLocalPort(),
                            "its webhooks stay off",
                            "a port of its own");
        }
    }
}
