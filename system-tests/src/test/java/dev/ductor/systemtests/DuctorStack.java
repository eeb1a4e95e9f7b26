package dev.ductor.systemtests;

import static org.awaitility.Awaitility.await;

import dev.ductor.systemtests.deploy.BrokerDefinitions;
import dev.ductor.testkit.broker.TestBroker;
import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.matrix.FakeHomeserver;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * All of ductor against a real RabbitMQ, the fake Telegram Bot API (and, {@link #withMatrix with Matrix},
 * a fake homeserver) and a fake {@code claude} on the runner's PATH: each service its own process from its jar, in its own bus namespace and DUCTOR_HOME,
 * as {@code bin/run-local} starts them.
 */
final class DuctorStack implements AutoCloseable {

    static final String TOKEN = "123456:system-test-token";
    static final long ALICE = 1001;
    static final long BOB = 1002;
    static final long CAROL = 1003;
    static final long DAVE = 1004;
    static final long MALLORY = 6666;
    static final long GROUP = -1001777000111L;

    private final TestBroker broker = TestBroker.get();
    private final String namespace = TestBroker.newNamespace();
    private final Path home;
    private final Path bin;
    private final FakeTelegram telegram;
    private final Map<String, ServiceProcess> services = new LinkedHashMap<>();
    private final Path jars;
    private final String version;
    private final Path logs;
    private @Nullable MatrixSide matrix;
    private @Nullable ApiSide api;
    private @Nullable BrokerDefinitions definitions;
    /** Queues of sub-agents a test added (behaviour §5.8), deleted with the namespace. */
    private final List<String> extraQueues = new java.util.ArrayList<>();
    /** The agent's API (behaviour §6.8): served by the scheduler, handed to the CLIs by the runner. */
    private final int agentApiPort = freePort();

    DuctorStack(Path workDir) {
        try {
            this.home = Files.createDirectories(workDir.resolve("ductor-home"));
            this.bin = Files.createDirectories(workDir.resolve("bin"));
            Files.createDirectories(home.resolve("config"));
            this.telegram = FakeTelegram.start(TOKEN);
            Files.writeString(home.resolve("config/config.json"), """
                    {
                      "telegram_token": "%s",
                      "telegram_api_url": "%s",
                      "allowed_user_ids": [%d, %d, %d, %d],
                      "allowed_group_ids": [%d],
                      "streaming": {"edit_interval_seconds": 0.3}
                    }
                    """.formatted(
                            TOKEN, telegram.baseUrl(), ALICE, BOB, CAROL, DAVE, GROUP));
            // An installation that has run on this machine before: no "Bot Started" notice in the chats the
            // scenarios count (that notice is the orchestrator's AnnouncingStartTest).
            Files.writeString(
                    home.resolve("startup_state.json"),
                    "{\"boot_id\":\""
                            + Files.readString(Path.of("/proc/sys/kernel/random/boot_id"))
                                    .strip() + "\"}");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        // The runner asks `claude --version` when it starts: a class that scripts nothing else gets this.
        claude().respond(Response.sample("claude-hello.stream-json.jsonl")).install();
        this.jars = Path.of(System.getProperty("ductor.jars.dir", ".."));
        this.version = System.getProperty("ductor.version", "0.1.0-SNAPSHOT");
        this.logs = Path.of("target", "system-logs", namespace);
        for (String module : List.of("orchestrator", "cli-runner", "gateway-telegram", "scheduler")) {
            addService(module, environment());
        }
    }

    private void addService(String module, Map<String, String> environment) {
        addService(module, module, environment);
    }

    private void addService(String name, String module, Map<String, String> environment) {
        Path jar = jars.resolve(module).resolve("target").resolve(module + "-" + version + ".jar");
        services.put(name, new ServiceProcess(name, jar, freePort(), environment, logs.resolve(name + ".log")));
    }

    /** A second runner, {@code cli-runner-2}, on the same broker (call it from a {@link BeforeStackStart} method). */
    void withSecondRunner() {
        var env = new HashMap<>(environment());
        env.put("DUCTOR_RUNNER_ID", "runner-2-" + namespace);
        addService("cli-runner-2", "cli-runner", env);
    }

    /** Every service process of the stack, by name. */
    Map<String, ServiceProcess> services() {
        return services;
    }

    /**
     * Adds Matrix to the stack (call it from a {@link BeforeStackStart} method): a {@link FakeHomeserver}
     * with the bot's account and Alice's and Mallory's, one room of Alice's that {@code allowed_rooms}
     * lists, the {@code matrix} block in config.json and the gateway-matrix service. A stack without it is
     * Telegram only, as before.
     */
    MatrixSide withMatrix() {
        if (matrix == null) {
            FakeHomeserver homeserver = FakeHomeserver.start();
            String bot = homeserver.registerUser("ductor", "bot-password");
            String alice = homeserver.registerUser("alice", "alice-password");
            String mallory = homeserver.registerUser("mallory", "mallory-password");
            String room = homeserver.createRoom(alice, null, false); // a DM once the bot joined
            matrix = new MatrixSide(homeserver, bot, alice, mallory, room);
            try {
                Path config = home.resolve("config/config.json");
                String json = Files.readString(config).strip();
                String block = """
                        , "matrix": {"homeserver": "%s", "user_id": "%s", "password": "bot-password",
                                    "allowed_rooms": ["%s"], "allowed_users": ["%s"]}
                        }""".formatted(homeserver.baseUrl(), bot, room, alice);
                Files.writeString(config, json.substring(0, json.lastIndexOf('}')) + block);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            var env = new HashMap<>(environment());
            env.put("DUCTOR_MATRIX_SYNC_TIMEOUT", "1s");
            env.put("DUCTOR_MATRIX_MIN_BACKOFF", "100ms");
            env.put("DUCTOR_MATRIX_MAX_BACKOFF", "1s");
            addService("gateway-matrix", env);
        }
        return matrix;
    }

    /**
     * Switches the scheduler's webhook server on (call it from a {@link BeforeStackStart} method) on a free
     * port of 127.0.0.1 with {@code hooksJson} as {@code webhooks.json}; returns the port.
     */
    int withWebhooks(String hooksJson) {
        try {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            Path config = home.resolve("config/config.json");
            JsonMapper json = JsonMapper.builder().build();
            ObjectNode root = (ObjectNode) json.readTree(Files.readString(config));
            root.putObject("webhooks")
                    .put("enabled", true)
                    .put("host", "127.0.0.1")
                    .put("port", port);
            Files.writeString(config, json.writeValueAsString(root));
            Files.writeString(home.resolve("webhooks.json"), hooksJson);
            return port;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Runs the services on the broker as compose does (call it from a {@link BeforeStackStart} method, after
     * adding services): in a vhost of their own holding compose's broker definitions ({@link BrokerDefinitions}),
     * each service logged in as its own broker user, none declaring the shared topology
     * ({@code ductor.bus.declare-topology=false}), the orchestrator declaring its sub-agents' queues
     * ({@code ductor.bus.declare-agent-queues}); the names carry no namespace, as in compose. Skips the test
     * class where {@code rabbitmqctl} cannot load the definitions.
     */
    void withComposeBroker() {
        if (definitions == null) {
            BrokerDefinitions imported = BrokerDefinitions.imported(namespace);
            definitions = imported;
            services.forEach((name, service) -> {
                String user = imported.user(name);
                service.putEnvironment("SPRING_RABBITMQ_VIRTUAL_HOST", imported.vhost());
                service.putEnvironment("SPRING_RABBITMQ_USERNAME", user);
                service.putEnvironment("SPRING_RABBITMQ_PASSWORD", imported.password(user));
                service.putEnvironment("DUCTOR_BUS_NAMESPACE", "");
                service.putEnvironment("DUCTOR_BUS_DECLARETOPOLOGY", "false");
            });
            services.get("orchestrator").putEnvironment("DUCTOR_BUS_DECLAREAGENTQUEUES", "true");
        }
    }

    /** The queues of the vhost of a stack {@link #withComposeBroker() on compose's broker}, by name. */
    List<String> composeQueues() throws IOException, InterruptedException {
        if (definitions == null) {
            throw new IllegalStateException("not on compose's broker");
        }
        return definitions.lines("list_queues", "-p", definitions.vhost(), "name");
    }

    /** The Matrix side of a stack {@link #withMatrix() with Matrix}. */
    record MatrixSide(FakeHomeserver homeserver, String bot, String alice, String mallory, String room) {}

    /**
     * Adds the WebSocket API (behaviour §10; call it from a {@link BeforeStackStart} method): an enabled
     * {@code api} block with a token and a free port in config.json, and the gateway-api service.
     */
    ApiSide withApi() {
        if (api == null) {
            api = new ApiSide("api-token-" + namespace, freePort());
            try {
                Path config = home.resolve("config/config.json");
                String json = Files.readString(config).strip();
                String block = """
                        , "api": {"enabled": true, "token": "%s", "host": "127.0.0.1", "port": %d}
                        }""".formatted(api.token(), api.port());
                Files.writeString(config, json.substring(0, json.lastIndexOf('}')) + block);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            addService("gateway-api", environment());
        }
        return api;
    }

    /** The API of a stack {@link #withApi() with the API}: its token and port on 127.0.0.1. */
    record ApiSide(String token, int port) {

        java.net.URI ws() {
            return java.net.URI.create("ws://127.0.0.1:" + port + "/ws");
        }

        java.net.URI http() {
            return java.net.URI.create("http://127.0.0.1:" + port);
        }
    }

    private Map<String, String> environment() {
        var env = new HashMap<String, String>(broker.environment(namespace));
        env.put("DUCTOR_HOME", home.toString());
        env.put("PATH", bin + ":" + System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
        env.put("DUCTOR_RUNNER_HEARTBEAT_INTERVAL", "1s");
        env.put("DUCTOR_ORCHESTRATOR_RUN_LOST_AFTER", "6s");
        env.put("DUCTOR_ORCHESTRATOR_WATCHDOG_INTERVAL", "500ms");
        env.put("DUCTOR_TELEGRAM_POLL_TIMEOUT_SECONDS", "1");
        env.put("DUCTOR_CONFIG_RELOAD_INTERVAL_MS", "500");
        env.put("DUCTOR_AGENT_API_PORT", Integer.toString(agentApiPort));
        env.put("DUCTOR_AGENT_API_URL", "http://127.0.0.1:" + agentApiPort);
        env.put("DUCTOR_AGENT_API_TOKEN", "agent-api-" + namespace);
        return env;
    }

    FakeCli claude() {
        return FakeCli.in(bin).named("claude");
    }

    FakeTelegram telegram() {
        return telegram;
    }

    Path home() {
        return home;
    }

    /**
     * Changes the main agent's config.json while the stack runs, as an editor that saves atomically would (a
     * service never reads it half written), with a later modification time so the 5 s check sees it.
     */
    void editConfig(Consumer<ObjectNode> change) throws IOException {
        Path file = home.resolve("config/config.json");
        ObjectNode json = (ObjectNode) JsonMapper.builder().build().readTree(Files.readString(file));
        change.accept(json);
        FileTime before = Files.getLastModifiedTime(file);
        writeAtomically(file, json.toPrettyString());
        Instant later = before.toInstant().plusSeconds(1);
        Files.setLastModifiedTime(file, FileTime.from(later.isAfter(Instant.now()) ? later : Instant.now()));
    }

    /** Replaces {@code file} with {@code content} in one rename: a reader sees the old or the new file whole. */
    static void writeAtomically(Path file, String content) throws IOException {
        Path temp = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
        Files.writeString(temp, content);
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    ServiceProcess service(String module) {
        return services.get(module);
    }

    DuctorStack start() {
        services.values().forEach(ServiceProcess::start);
        services.values().forEach(this::awaitReady);
        return this;
    }

    /**
     * Waits until the runner has asked each of these fakes for its {@code --version} (it does once, at its
     * start) and that call has exited, so the probe takes no response a test scripts afterwards.
     */
    void awaitVersionProbes(FakeCli... clis) {
        await("the runner's --version probes")
                .atMost(Duration.ofSeconds(30))
                .until(() -> Stream.of(clis)
                        .allMatch(cli -> cli.invocations().stream()
                                .anyMatch(call -> call.argv().contains("--version")
                                        && ProcessHandle.of(call.pid())
                                                .map(p -> !p.isAlive())
                                                .orElse(true))));
    }

    void restart(String module) {
        ServiceProcess service = services.get(module);
        service.start();
        awaitReady(service);
    }

    private void awaitReady(ServiceProcess service) {
        await("readiness of " + service.module())
                .atMost(Duration.ofSeconds(240)) // four JVMs starting at once on a busy two-core machine
                .pollInterval(Duration.ofMillis(300))
                .failFast("" + service.module() + " exited; see " + service.log(), () -> !service.alive())
                .until(service::ready);
    }

    String logs() {
        return services.values().stream()
                .map(s -> {
                    try {
                        return "---- " + s.module() + "\n" + Files.readString(s.log());
                    } catch (IOException e) {
                        return "---- " + s.module() + ": no log";
                    }
                })
                .collect(Collectors.joining("\n"));
    }

    @Override
    public void close() {
        services.values().forEach(ServiceProcess::stop);
        telegram.close();
        if (matrix != null) {
            matrix.homeserver().close();
        }
        // the orchestrator declares the outbound queue of every gateway it may answer through
        broker.deleteNamespace(
                namespace, List.of("tg.main", "mx.main", "api.main"), extraQueues.toArray(String[]::new));
        if (definitions != null) {
            definitions.close();
        }
    }

    /** The bus namespace of this stack's services. */
    String namespace() {
        return namespace;
    }

    /** Deletes these queues (and their DLQs) with the namespace when the stack closes. */
    void deleteOnClose(String... queues) {
        for (String queue : queues) {
            extraQueues.add(queue);
            extraQueues.add(dev.ductor.bus.Topology.deadLetterQueue(queue));
        }
    }

    /** Deletes the queues of Telegram sub-agent {@code agent} (behaviour §5.8) when the stack closes. */
    void deleteOnCloseQueuesOf(String agent) {
        deleteOnCloseQueuesOf(agent, "tg");
    }

    /** Deletes the queues of sub-agent {@code agent} on {@code transport} ({@code tg}, {@code mx}) when the stack closes. */
    void deleteOnCloseQueuesOf(String agent, String transport) {
        var topology = new dev.ductor.bus.Topology(namespace(), agent);
        deleteOnClose(
                topology.orchestratorInboundQueue(),
                topology.orchestratorRunEventsQueue(),
                topology.gatewayOutboundQueue(transport, agent));
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<String> lines(String text) {
        return text.lines();
    }
}
