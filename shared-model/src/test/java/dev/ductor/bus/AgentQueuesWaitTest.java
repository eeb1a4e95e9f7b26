package dev.ductor.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.ductor.agents.AgentStatus;
import dev.ductor.agents.SubAgentContexts;
import dev.ductor.agents.SubAgentContexts.Outcome;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ControlAgent.Action;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.context.support.GenericApplicationContext;

/**
 * A gateway's sub-agent context waiting for the queues of its agent (compose, docs/design.md "Sub-agents") holds
 * neither another agent's start nor a user's stop: each context here has the real {@link AgentQueuesPresent},
 * agent {@code a}'s waiting for its queues until the test declares them.
 */
class AgentQueuesWaitTest {

    private static final List<String> A_QUEUES = List.of("orchestrator.a.inbound", "orchestrator.a.run-events");

    @TempDir
    Path dir;

    private final AtomicBoolean declared = new AtomicBoolean();
    private final List<String> failures = new CopyOnWriteArrayList<>();
    private DuctorHome home;
    private @Nullable SubAgentContexts agents;
    private int step;

    @BeforeEach
    void setUp() throws Exception {
        AmqpAdmin amqp = mock(AmqpAdmin.class);
        when(amqp.getQueueInfo(anyString()))
                .thenAnswer(call -> declared.get() ? new QueueInformation(call.getArgument(0), 0, 0) : null);
        var beans = new DefaultListableBeanFactory();
        beans.registerSingleton("amqpAdmin", amqp);
        home = new DuctorHome(dir);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"telegram_token\": \"1:main\"}");
        agents = new SubAgentContexts(
                home,
                new ConfigStore(new ConfigLoader(Map.of()), home.configFile()),
                entry -> true,
                (entry, agentHome, config) -> {
                    var context = new GenericApplicationContext();
                    context.registerBean(
                            AgentQueuesPresent.class,
                            () -> new AgentQueuesPresent(
                                    beans.getBeanProvider(AmqpAdmin.class),
                                    entry.name().equals("a") ? A_QUEUES : List.of(),
                                    Duration.ofSeconds(60)));
                    try {
                        context.refresh();
                    } catch (RuntimeException e) {
                        Throwable cause = e;
                        while (cause.getCause() != null) {
                            cause = cause.getCause();
                        }
                        failures.add(entry.name() + ": " + cause.getMessage());
                        throw e;
                    }
                    return context;
                },
                Duration.ofMillis(50));
    }

    @AfterEach
    void tearDown() {
        agents().stop();
    }

    @Test
    void aStopOfBAndTheStartOfCAreDoneWhileAsQueuesAreMissing() throws Exception {
        write("[{\"name\": \"b\", \"telegram_token\": \"2:b\"}]");
        agents().start();
        await().atMost(Duration.ofSeconds(5)).until(() -> state("b").equals("running"));

        write("[{\"name\": \"a\", \"telegram_token\": \"2:a\"}, {\"name\": \"b\", \"telegram_token\": \"2:b\"},"
                + " {\"name\": \"c\", \"telegram_token\": \"2:c\"}]");
        await().atMost(Duration.ofSeconds(5)).until(() -> state("c").equals("running"));
        assertThat(agents().control("b", Action.STOP).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STOPPED);
        assertThat(state("a")).isEqualTo("starting");

        declared.set(true);
        await().atMost(Duration.ofSeconds(5)).until(() -> state("a").equals("running"));
        assertThat(agents().bean("a", AgentQueuesPresent.class))
                .hasValueSatisfying(wait -> assertThat(wait.isRunning()).isTrue());
        assertThat(failures).isEmpty();
    }

    @Test
    void aStopOfAnAgentWaitingForItsQueuesEndsTheWait() throws Exception {
        write("[{\"name\": \"a\", \"telegram_token\": \"2:a\"}]");
        agents().start();
        await().atMost(Duration.ofSeconds(5)).until(() -> state("a").equals("starting"));

        assertThat(agents().control("a", Action.STOP).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STOPPED);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> failures.equals(List.of("a: Interrupted while waiting for the queues " + A_QUEUES)));
        assertThat(state("a")).isEqualTo("stopped");
        assertThat(agents().bean("a", AgentQueuesPresent.class)).isEmpty();
    }

    private void write(String json) throws Exception {
        Files.writeString(home.agentsFile(), json);
        Files.setLastModifiedTime(home.agentsFile(), FileTime.fromMillis(System.currentTimeMillis() + 2000L * ++step));
    }

    private SubAgentContexts agents() {
        return Objects.requireNonNull(agents);
    }

    private String state(String name) {
        AgentStatus status = agents().statuses().get(name);
        return status == null ? "" : status.state();
    }
}
