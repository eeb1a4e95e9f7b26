package dev.ductor.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;

/** behaviour §5.8: add → start, remove → stop, account change → restart, other change → config.json. */
class SubAgentContextsTest {

    @TempDir
    Path dir;

    private DuctorHome home;
    private ConfigStore mainConfig;
    private final List<String> launched = new CopyOnWriteArrayList<>();
    private final List<ConfigurableApplicationContext> contexts = new CopyOnWriteArrayList<>();
    private final AtomicInteger failures = new AtomicInteger();
    /** The agents whose start waits (as a gateway's waits for its queues) until this opens. */
    private final Set<String> slow = ConcurrentHashMap.newKeySet();

    private final CountDownLatch queuesDeclared = new CountDownLatch(1);
    private final List<String> interrupted = new CopyOnWriteArrayList<>();
    private SubAgentContexts agents;
    private int step;

    @BeforeEach
    void setUp() throws Exception {
        home = new DuctorHome(dir);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"telegram_token\": \"1:main\", \"allowed_user_ids\": [1]}");
        mainConfig = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        agents = new SubAgentContexts(
                home,
                mainConfig,
                AgentEntry::telegram,
                (entry, agentHome, config) -> {
                    if (slow.contains(entry.name())) {
                        awaitQueues(entry.name());
                    }
                    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                        throw new IllegalStateException("boom " + entry.name());
                    }
                    launched.add(entry.name() + "@" + agentHome.root().getFileName() + ":"
                            + config.current().telegramToken());
                    var context = new GenericApplicationContext();
                    context.registerBean(StringBuilder.class, () -> new StringBuilder(entry.name()));
                    context.refresh();
                    contexts.add(context);
                    return context;
                },
                Duration.ofMillis(50));
    }

    private void awaitQueues(String name) {
        try {
            if (!queuesDeclared.await(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("no queues for " + name);
            }
        } catch (InterruptedException e) {
            interrupted.add(name);
            throw new IllegalStateException("Interrupted while waiting for the queues of " + name);
        }
    }

    @AfterEach
    void tearDown() {
        agents.stop();
    }

    private void write(String json) throws Exception {
        Files.writeString(home.agentsFile(), json);
        Files.setLastModifiedTime(home.agentsFile(), FileTime.fromMillis(System.currentTimeMillis() + 2000L * ++step));
    }

    private boolean running(String name) {
        AgentStatus status = agents.statuses().get(name);
        return status != null && status.state().equals("running");
    }

    @Test
    void aRunningAgentsBeanIsFoundByItsNameOnlyWhileItRuns() throws Exception {
        // what the main context reaches in one agent's (the scheduler's agent API: that agent's own tools)
        write("[{\"name\": \"a\", \"telegram_token\": \"2:a\"}]");
        agents.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> running("a"));
        assertThat(agents.bean("a", StringBuilder.class))
                .hasValueSatisfying(b -> assertThat(b).hasToString("a"));
        assertThat(agents.bean("b", StringBuilder.class)).isEmpty();
        assertThat(agents.bean("a", Integer.class)).isEmpty();

        assertThat(agents.control("a", Action.STOP).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STOPPED);
        assertThat(agents.bean("a", StringBuilder.class)).isEmpty();
    }

    @Test
    void followsTheFile() throws Exception {
        write("[{\"name\": \"a\", \"telegram_token\": \"2:a\"}, {\"name\": \"m\", \"transport\": \"matrix\","
                + " \"matrix\": {\"homeserver\": \"h\", \"user_id\": \"@m:h\"}}]");
        agents.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> running("a"));
        assertThat(launched).containsExactly("a@a:2:a");
        assertThat(agents.statuses()).containsOnlyKeys("a");

        // an allowlist change reaches the agent's config.json, no restart
        write("[{\"name\": \"a\", \"telegram_token\": \"2:a\", \"allowed_user_ids\": [5]}]");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> Files.readString(home.agent("a").configFile()).contains("5"));
        assertThat(launched).hasSize(1);

        // a new token restarts it
        write("[{\"name\": \"a\", \"telegram_token\": \"3:a\", \"allowed_user_ids\": [5]}]");
        await().atMost(Duration.ofSeconds(5)).until(() -> launched.size() == 2 && running("a"));
        assertThat(launched.get(1)).isEqualTo("a@a:3:a");
        assertThat(contexts.getFirst().isActive()).isFalse();
        assertThat(agents.statuses().get("a").restarts()).isEqualTo(1);

        // a broken file changes nothing
        write("[{\"name\": ");
        write("[{\"name\": \"a\"");
        assertThat(contexts.get(1).isActive()).isTrue();

        // removed: stopped
        write("[]");
        await().atMost(Duration.ofSeconds(5)).until(() -> !contexts.get(1).isActive());
        assertThat(agents.statuses()).isEmpty();
    }

    @Test
    void aUserStopsStartsAndRestartsAnAgentAndTheWatcherLeavesAStoppedOneStopped() throws Exception {
        write("[{\"name\": \"a\", \"telegram_token\": \"2:a\"}]");
        agents.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> running("a"));
        Duration wait = Duration.ofSeconds(5);

        assertThat(agents.control("nope", Action.STOP).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.UNKNOWN);
        assertThat(agents.control("a", Action.START).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.ALREADY_RUNNING);

        assertThat(agents.control("a", Action.STOP).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STOPPED);
        assertThat(contexts.getFirst().isActive()).isFalse();
        assertThat(agents.statuses().get("a").state()).isEqualTo("stopped");
        assertThat(agents.control("a", Action.STOP).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.NOT_RUNNING);
        // a change of its entry does not bring it back while it is stopped
        write("[{\"name\": \"a\", \"telegram_token\": \"3:a\"}]");
        Thread.sleep(300);
        assertThat(launched).hasSize(1);
        assertThat(agents.statuses().get("a").state()).isEqualTo("stopped");

        assertThat(agents.control("a", Action.START).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STARTED);
        assertThat(launched).containsExactly("a@a:2:a", "a@a:3:a");
        assertThat(running("a")).isTrue();

        assertThat(agents.control("a", Action.RESTART).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.RESTARTED);
        await().atMost(wait).until(() -> launched.size() == 3 && running("a"));
        assertThat(contexts.get(1).isActive()).isFalse();
        assertThat(contexts.get(2).isActive()).isTrue();
        assertThat(agents.statuses().get("a").restarts()).isEqualTo(1);

        failures.set(1);
        assertThat(agents.control("a", Action.RESTART).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.FAILED);
        assertThat(agents.statuses().get("a").lastError()).contains("boom a");
    }

    @Test
    void anAgentThatFailsToStartIsCrashedAndTriedAgain() throws Exception {
        failures.set(1);
        write("[{\"name\": \"a\", \"telegram_token\": \"2:a\"}]");
        agents.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> agents.statuses().containsKey("a"));
        await().atMost(Duration.ofSeconds(5))
                .until(() -> agents.statuses().get("a").state().equals("crashed")
                        || agents.statuses().get("a").state().equals("running"));
        await().atMost(Duration.ofSeconds(10)).until(() -> running("a"));
        assertThat(launched).containsExactly("a@a:2:a");
    }

    @Test
    void anAgentWaitingForItsQueuesHoldsNeitherTheWatcherNorAnotherAgent() throws Exception {
        slow.add("a");
        write("[{\"name\": \"b\", \"telegram_token\": \"2:b\"}]");
        agents.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> running("b"));

        // a's context waits for its queues; c, added after it, starts meanwhile
        write("[{\"name\": \"a\", \"telegram_token\": \"2:a\"}, {\"name\": \"b\", \"telegram_token\": \"2:b\"},"
                + " {\"name\": \"c\", \"telegram_token\": \"2:c\"}]");
        await().atMost(Duration.ofSeconds(5)).until(() -> running("c"));
        assertThat(agents.statuses().get("a").state()).isEqualTo("starting");
        // and a user's stop of b is done at once
        assertThat(agents.control("b", Action.STOP).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STOPPED);
        assertThat(contexts.getFirst().isActive()).isFalse();
        assertThat(agents.statuses().get("a").state()).isEqualTo("starting");

        // a user's start of a waits for its start under way, which ends when its queues are there
        var start = agents.control("a", Action.START);
        assertThat(start).isNotDone();
        queuesDeclared.countDown();
        assertThat(start.get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STARTED);
        assertThat(running("a")).isTrue();
        assertThat(launched).containsExactly("b@b:2:b", "c@c:2:c", "a@a:2:a");
        assertThat(interrupted).isEmpty();
    }

    @Test
    void aChangeRemovalOrStopOfAnAgentCancelsItsStartUnderWay() throws Exception {
        slow.addAll(List.of("a", "d"));
        write("[{\"name\": \"a\", \"telegram_token\": \"2:a\"}]");
        agents.start();
        await().atMost(Duration.ofSeconds(5)).until(() -> agents.statuses().containsKey("a"));
        assertThat(agents.statuses().get("a").state()).isEqualTo("starting");

        // a new token supersedes the start under way: that one is interrupted, the new one waits too
        write("[{\"name\": \"a\", \"telegram_token\": \"3:a\"}]");
        await().atMost(Duration.ofSeconds(5)).until(() -> interrupted.size() == 1);
        assertThat(agents.statuses().get("a").state()).isEqualTo("starting");

        // a removed agent's start under way is cancelled
        write("[{\"name\": \"a\", \"telegram_token\": \"3:a\"}, {\"name\": \"d\", \"telegram_token\": \"2:d\"}]");
        await().atMost(Duration.ofSeconds(5)).until(() -> agents.statuses().containsKey("d"));
        write("[{\"name\": \"a\", \"telegram_token\": \"3:a\"}]");
        await().atMost(Duration.ofSeconds(5)).until(() -> interrupted.size() == 2);
        assertThat(agents.statuses()).containsOnlyKeys("a");

        // so is a stopped one's: stopped, and it stays so when the queues come
        assertThat(agents.control("a", Action.STOP).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STOPPED);
        await().atMost(Duration.ofSeconds(5)).until(() -> interrupted.size() == 3);
        assertThat(interrupted).containsExactly("a", "d", "a");
        assertThat(agents.statuses().get("a").state()).isEqualTo("stopped");
        queuesDeclared.countDown();
        assertThat(agents.control("a", Action.STOP).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.NOT_RUNNING);
        assertThat(launched).isEmpty();

        // started again, with the entry as it is now
        assertThat(agents.control("a", Action.START).get(5, TimeUnit.SECONDS)).isEqualTo(Outcome.STARTED);
        assertThat(launched).containsExactly("a@a:3:a");
        assertThat(running("a")).isTrue();
    }
}
