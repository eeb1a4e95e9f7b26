package dev.ductor.scheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Topology;
import dev.ductor.model.Contract;
import dev.ductor.model.CronFired;
import dev.ductor.model.WebhookFired;
import dev.ductor.scheduler.leader.ExclusiveQueueLease;
import dev.ductor.scheduler.webhook.WebhookIngress;
import dev.ductor.testkit.broker.TestBroker;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.support.converter.MessageConverter;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two scheduler instances against the real RabbitMQ: only the lease holder fires cron jobs, the other
 * takes over when the holder stops; a webhook is answered 202 only with its WebhookFired in the
 * orchestrator's queue.
 */
class SchedulerIT {

    private static final TestBroker broker = TestBroker.get();

    @TempDir
    Path home;

    private final String namespace = TestBroker.newNamespace();
    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final List<Message> received = new CopyOnWriteArrayList<>();
    private SimpleMessageListenerContainer listener;

    private ConfigurableApplicationContext start() {
        List<String> args = new ArrayList<>();
        broker.springProperties(namespace).forEach((k, v) -> args.add("--" + k + "=" + v));
        args.addAll(List.of(
                "--ductor.home=" + home,
                "--ductor.scheduler.catch-up=120s",
                "--ductor.scheduler.lease-retry=300ms",
                "--ductor.scheduler.tick=200ms",
                "--ductor.scheduler.watch-interval=200ms"));
        var context = new SpringApplicationBuilder(SchedulerApplication.class)
                .web(WebApplicationType.NONE)
                .run(args.toArray(String[]::new));
        contexts.add(context);
        return context;
    }

    @AfterEach
    void stop() {
        if (listener != null) {
            listener.stop();
        }
        contexts.forEach(ConfigurableApplicationContext::close);
        broker.deleteNamespace(namespace, List.of("tg.main"));
    }

    /** What reached the orchestrator's queue (a single-active-consumer queue: read by a consumer, not basic.get). */
    private void listen(ConfigurableApplicationContext context) {
        var container = new SimpleMessageListenerContainer(context.getBean(ConnectionFactory.class));
        container.setQueueNames(new Topology(namespace).orchestratorInboundQueue());
        container.setMessageListener(received::add);
        container.start();
        listener = container;
    }

    private List<Contract> drain(ConfigurableApplicationContext context, Class<? extends Contract> type) {
        MessageConverter converter = context.getBean(MessageConverter.class);
        return received.stream()
                .map(m -> (Contract) converter.fromMessage(m))
                .filter(type::isInstance)
                .toList();
    }

    @Test
    void oneLeaderFiresTheOtherTakesOverAndWebhooksAreConfirmedBefore202() throws Exception {
        Files.createDirectories(home.resolve("config"));
        Files.writeString(home.resolve("config/config.json"), """
                {"webhooks": {"enabled": true, "host": "127.0.0.1", "port": 0, "token": "tok"}}""");
        Files.writeString(home.resolve("cron_jobs.json"), """
                {"jobs": [{"id": "every-minute", "title": "E", "schedule": "* * * * *", "task_folder": "e",
                           "agent_instruction": "go", "enabled": true}]}""");
        Files.writeString(home.resolve("webhooks.json"), """
                {"hooks": [{"id": "x", "title": "X", "mode": "wake", "prompt_template": "hi {{name}}"}]}""");

        var first = start();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> first.getBean(ExclusiveQueueLease.class).leading());
        var second = start();
        listen(second);
        // the lease is held: the second instance does not lead while the first runs
        await().during(Duration.ofSeconds(2))
                .atMost(Duration.ofSeconds(5))
                .until(() -> !second.getBean(ExclusiveQueueLease.class).leading());
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !drain(second, CronFired.class).isEmpty());
        var ids = received.stream()
                .map(m -> m.getMessageProperties().getMessageId())
                .toList();
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids.getFirst()).startsWith("cron:main:every-minute:");

        int port = first.getBean(WebhookIngress.class).address().orElseThrow().getPort();
        var response = HttpClient.newHttpClient()
                .send(
                        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/hooks/x"))
                                .header("Content-Type", "application/json")
                                .header("Authorization", "Bearer tok")
                                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"Ada\"}"))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        // confirmed before the 202: it is in the queue now
        var hooks = drain(second, WebhookFired.class);
        assertThat(hooks).hasSize(1);
        assertThat(((WebhookFired) hooks.getFirst()).renderedPrompt()).contains("hi Ada");

        first.close();
        await().atMost(Duration.ofSeconds(10))
                .until(() -> second.getBean(ExclusiveQueueLease.class).leading());
    }
}
