package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The compose file as a user runs it (docker-compose 1.29, Debian's v1): a copy of the project's files (what
 * a clone holds) with a {@code .env}, built with {@code docker-compose build} and started with {@code
 * docker-compose up}. The gateway talks to testkit's fake Bot API (reached from the containers through a
 * relay on the Docker bridge), the runner runs a fake {@code claude} mounted into its container. Checks:
 * every container healthy by Docker's own healthcheck, a message answered end to end, Prometheus scraping
 * every target ({@code up == 1}), {@code docker-compose restart orchestrator} mid-turn losing nothing, a
 * message waiting in the broker while its container is recreated still answered, and a sub-agent added to
 * {@code agents.json} answering in its own chat, its queues declared by the orchestrator's broker user.
 * Needs a Docker engine and the base images the Dockerfile and compose file name ({@code
 * bin/build-base-images} builds stand-ins where nothing can be pulled); skipped, saying so, without them.
 *
 * <p>The class runs beside the other system tests ({@code CONCURRENT}; system-tests' pom), its methods one
 * after another in their order ({@code SAME_THREAD} each): most of its time is docker-compose building and
 * waiting, not CPU.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Execution(ExecutionMode.CONCURRENT)
class ComposeSmokeIT {

    private static final List<String> BASE_IMAGES = List.of(
            "eclipse-temurin:21-jdk",
            "eclipse-temurin:21-jre",
            "node:22-bookworm-slim",
            "rabbitmq:4-management",
            "prom/prometheus:v3.5.0");
    private static final String TOKEN = "123456:compose-smoke";
    private static final long USER = 4242;
    private static final String ANSWER = "Hello from fake anthropic. You said: hello there";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Tool docker;
    private static Tool compose;
    private static Path project;
    private static Path fakeBin;
    private static FakeTelegram telegram;
    private static ServerSocket relay;
    private static InetAddress bridgeAddress;
    private static @Nullable FakeTelegram helperBot;
    private static @Nullable ServerSocket helperRelay;
    /** Fixed, so a rerun reuses (and replaces) the images of the last one and their build cache. */
    private static final String PROJECT_NAME = "ductorsmokeit";

    @BeforeAll
    static void startTheStack() throws Exception {
        compose = Tool.required("docker-compose", "docker-compose", "start the stack with it");
        docker = Tool.required("docker", "docker.io", "build and run the images");
        Tool.Result info = docker.run("info", "--format", "{{.ServerVersion}}");
        assumeTrue(
                info.exitCode() == 0,
                () -> "no Docker engine answers (" + info.output().strip() + "). Skipping the compose smoke test.");
        for (String image : BASE_IMAGES) {
            assumeTrue(
                    docker.run("image", "inspect", image).exitCode() == 0,
                    () -> "base image " + image + " is missing: pull it or run bin/build-base-images. Skipping.");
        }
        project = Files.createTempDirectory("ductor-compose-smoke");
        copyTheProjectFiles(project);

        telegram = FakeTelegram.start(TOKEN);
        // The host's address on Docker's default bridge, which containers of every compose network reach.
        bridgeAddress = Optional.ofNullable(NetworkInterface.getByName("docker0")).stream()
                .flatMap(NetworkInterface::inetAddresses)
                .filter(address -> address instanceof Inet4Address)
                .findFirst()
                .orElse(null);
        assumeTrue(bridgeAddress != null, "no docker0 interface on this host (a remote engine?). Skipping.");
        String bridge = bridgeAddress.getHostAddress();
        relay = relay(bridgeAddress, URI.create(telegram.baseUrl()).getPort());

        // The fake claude, at the same path inside the runner container (it records its calls there).
        fakeBin = Files.createTempDirectory("ductor-compose-smoke-bin");
        claude(Response.sample("claude-hello.stream-json.jsonl"));

        Files.write(
                project.resolve(".env"),
                List.of(
                        "RABBITMQ_PASSWORD=" + secret(),
                        "RABBITMQ_GATEWAY_TELEGRAM_PASSWORD=" + secret(),
                        "RABBITMQ_ORCHESTRATOR_PASSWORD=" + secret(),
                        "RABBITMQ_CLI_RUNNER_PASSWORD=" + secret(),
                        "RABBITMQ_SCHEDULER_PASSWORD=" + secret(),
                        "DUCTOR_TELEGRAM_TOKEN=" + TOKEN,
                        "DUCTOR_TELEGRAM_API_URL=http://" + bridge + ":" + relay.getLocalPort(),
                        "DUCTOR_ALLOWED_USER_IDS=" + USER,
                        "DUCTOR_TELEGRAM_POLL_TIMEOUT_SECONDS=1"));
        // Docker's own healthchecks, as the compose file has them, run more often: every 2 s instead of 15 s
        // (the broker's, which starts an Erlang VM each time, every 5 s instead of 10 s), with as many more
        // retries, so a container is given as long as before to become healthy. The test waits for "healthy"
        // three times, and every service waits for the broker's health before it starts; docker-compose 1.29
        // knows no start_interval. Same commands, same time allowed.
        StringBuilder override = new StringBuilder("services:\n");
        override.append(healthcheck("rabbitmq", 5, 24));
        for (String service : List.of("gateway-telegram", "orchestrator", "scheduler")) {
            override.append(healthcheck(service, 2, 30));
        }
        override.append(healthcheck("prometheus", 2, 60));
        override.append(healthcheck("cli-runner", 2, 30)).append("""
                    volumes:
                      - %1$s:%1$s
                    environment:
                      PATH: %1$s:/opt/clis/bin:/opt/java/openjdk/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                """.formatted(fakeBin));
        Files.writeString(project.resolve("docker-compose.smoke.yml"), override);

        compose("down -v --remove-orphans", Duration.ofMinutes(5)); // what a killed run left
        long started = System.nanoTime();
        compose("build", Duration.ofMinutes(40));
        long built = System.nanoTime();
        compose("up -d", Duration.ofMinutes(5));
        awaitAllHealthy();
        System.out.printf(
                "ComposeSmokeIT: docker-compose build %d s, up until every container healthy %d s%n",
                (built - started) / 1_000_000_000, (System.nanoTime() - built) / 1_000_000_000);
    }

    @AfterAll
    static void stopTheStack() throws Exception {
        if (project != null && compose != null) {
            Path logs = Path.of("target", "compose-smoke-logs.txt");
            Files.createDirectories(logs.getParent());
            Files.writeString(
                    logs, compose.run(composeArgs("logs --no-color --tail=300")).output());
            compose.run(Duration.ofMinutes(5), composeArgs("down -v --remove-orphans"));
        }
        for (ServerSocket socket : new ServerSocket[] {relay, helperRelay}) {
            if (socket != null) {
                socket.close();
            }
        }
        if (helperBot != null) {
            helperBot.close();
        }
        for (Path dir : new Path[] {project, fakeBin}) {
            deleteRecursively(dir);
        }
        if (telegram != null) {
            telegram.close();
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @Order(1)
    void aMessageIsAnsweredEndToEnd() {
        telegram.sendUserMessage(USER, USER, "hi");
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(answers()).isEqualTo(1));
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @Order(2)
    void prometheusScrapesEveryService() {
        HttpClient http = HttpClient.newHttpClient();
        await().atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofSeconds(5))
                .untilAsserted(() -> {
                    String body = http.send(
                                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:9090/api/v1/query?query=up"))
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body();
                    Map<String, String> up = new TreeMap<>();
                    for (JsonNode result : JSON.readTree(body).path("data").path("result")) {
                        up.put(
                                result.path("metric").path("job").asString() + "/"
                                        + result.path("metric").path("instance").asString(),
                                result.path("value").get(1).asString());
                    }
                    assertThat(up)
                            .hasSize(5)
                            .allSatisfy((target, value) ->
                                    assertThat(value).as(target).isEqualTo("1"));
                });
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @Order(3)
    void restartingTheOrchestratorMidTurnLosesNothing() throws Exception {
        FakeCli claude = claude(Response.sample("claude-hello.stream-json.jsonl")
                .untilReleased()
                .holdLimit(Duration.ofMinutes(5)));
        int before = answers();
        telegram.sendUserMessage(USER, USER, "hi again");
        Invocation call = await().atMost(Duration.ofMinutes(1))
                .until(
                        () -> claude.invocations().stream()
                                .filter(c -> !c.argv().contains("--version"))
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
        claude.awaitHeld(call.number(), Duration.ofMinutes(1));
        compose("restart orchestrator", Duration.ofMinutes(3));
        awaitAllHealthy();
        claude.release(call);
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(answers()).isEqualTo(before + 1));
        await().during(Duration.ofSeconds(5))
                .atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(answers()).isEqualTo(before + 1));
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @Order(4)
    void aMessageQueuedWhileTheBrokerContainerIsRecreatedIsStillAnswered() throws Exception {
        claude(Response.sample("claude-hello.stream-json.jsonl"));
        int before = answers();
        // nobody consumes orchestrator.inbound: the message waits in the broker's volume
        compose("stop orchestrator", Duration.ofMinutes(3));
        telegram.sendUserMessage(USER, USER, "while the broker is recreated");
        await().atMost(Duration.ofMinutes(1)).until(() -> telegram.pendingUpdates() == 0);
        compose("up -d --force-recreate --no-deps rabbitmq", Duration.ofMinutes(3));
        compose("start orchestrator", Duration.ofMinutes(3));
        awaitAllHealthy();
        await().atMost(Duration.ofMinutes(3))
                .untilAsserted(() -> assertThat(answers()).isEqualTo(before + 1));
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    @Order(5)
    void aSubAgentAddedToAgentsJsonAnswersInItsOwnChat() throws Exception {
        // docs/design.md, "Sub-agents": the broker's definitions name the main agent's queues only; the
        // orchestrator's context of the new agent declares its queues as the orchestrator's broker user
        claude(Response.sample("claude-hello.stream-json.jsonl"));
        FakeTelegram helper = FakeTelegram.start("654321:compose-smoke-helper", "helper_bot");
        helperBot = helper;
        ServerSocket helperPort =
                relay(bridgeAddress, URI.create(helper.baseUrl()).getPort());
        helperRelay = helperPort;
        String agents = """
                [{"name": "helper", "transport": "telegram", "telegram_token": "654321:compose-smoke-helper",
                  "telegram_api_url": "http://%s:%d", "allowed_user_ids": [%d]}]
                """.formatted(bridgeAddress.getHostAddress(), helperPort.getLocalPort(), USER);
        List<String> write = new ArrayList<>(List.of(composeArgs("exec -T orchestrator")));
        write.addAll(List.of("sh", "-c", "printf '%s' \"$0\" > \"$DUCTOR_HOME/agents.json\"", agents));
        compose.succeed(Duration.ofMinutes(1), write.toArray(String[]::new));

        helper.awaitRequests("getUpdates", 2, Duration.ofMinutes(2));
        helper.sendUserMessage(USER, USER, "hello there");
        await().atMost(Duration.ofMinutes(2))
                .untilAsserted(() -> assertThat(helper.chat(USER).stream().map(BotMessage::text))
                        .contains(ANSWER));
    }

    /** An override of {@code service}'s healthcheck timing (docker-compose merges it into the compose file's). */
    private static String healthcheck(String service, int intervalSeconds, int retries) {
        return "  %s:%n    healthcheck:%n      interval: %ds%n      retries: %d%n"
                .formatted(service, intervalSeconds, retries);
    }

    private static int answers() {
        return (int) telegram.chat(USER).stream()
                .filter(m -> !m.deleted())
                .map(BotMessage::text)
                .filter(ANSWER::equals)
                .count();
    }

    /** Installs the fake claude with this response, readable and writable by the container's user. */
    private static FakeCli claude(Response response) throws IOException {
        FakeCli claude = FakeCli.in(fakeBin).named("claude").respond(response).install();
        try (Stream<Path> files = Files.walk(fakeBin)) {
            for (Path file : files.toList()) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxrwxrwx"));
            }
        }
        return claude;
    }

    private static void awaitAllHealthy() {
        await().atMost(Duration.ofMinutes(5))
                .pollInterval(Duration.ofSeconds(3))
                .untilAsserted(() -> {
                    List<String> ids = compose.succeed(composeArgs("ps -q"))
                            .lines()
                            .filter(l -> !l.isBlank())
                            .toList();
                    List<String> args =
                            new ArrayList<>(List.of("inspect", "--format", "{{.Name}} {{.State.Health.Status}}"));
                    args.addAll(ids);
                    List<String> states = docker.succeed(args.toArray(String[]::new))
                            .lines()
                            .filter(l -> !l.isBlank())
                            .toList();
                    assertThat(states)
                            .hasSize(6)
                            .allSatisfy(state -> assertThat(state).endsWith(" healthy"));
                });
    }

    private static void compose(String command, Duration timeout) throws Exception {
        compose.succeed(timeout, composeArgs(command));
    }

    private static String[] composeArgs(String command) {
        List<String> args = new ArrayList<>(List.of(
                "--project-directory", project.toString(),
                "-p", PROJECT_NAME,
                "-f", project.resolve("docker-compose.yml").toString(),
                "-f", project.resolve("docker-compose.smoke.yml").toString()));
        args.addAll(List.of(command.split(" ")));
        return args.toArray(String[]::new);
    }

    /** The files a clone holds (tracked, and new ones not ignored), as git lists them. */
    private static void copyTheProjectFiles(Path to) throws Exception {
        Tool git = Tool.required("git", "git", "list the project's files");
        Path root = ProjectFiles.root();
        String listed = git.succeed("-C", root.toString(), "ls-files", "--cached", "--others", "--exclude-standard");
        for (String name : listed.lines().filter(l -> !l.isBlank()).toList()) {
            Path source = root.resolve(name);
            if (!Files.isRegularFile(source)) {
                continue; // deleted in the work tree, or a symlink such as .cache
            }
            Path target = to.resolve(name);
            Files.createDirectories(target.getParent());
            Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String secret() {
        byte[] bytes = new byte[16];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** Forwards connections to {@code address}:ephemeral to the fake on loopback (which the containers cannot reach). */
    private static ServerSocket relay(InetAddress address, int targetPort) throws IOException {
        ServerSocket server = new ServerSocket();
        server.bind(new InetSocketAddress(address, 0));
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket in = server.accept();
                    Socket out = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    Thread.ofVirtual().start(() -> pump(in, out));
                    Thread.ofVirtual().start(() -> pump(out, in));
                } catch (IOException e) {
                    // closed
                }
            }
        });
        return server;
    }

    private static void pump(Socket from, Socket to) {
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // the other side closed
        } finally {
            try {
                from.close();
                to.close();
            } catch (IOException e) {
                // already closed
            }
        }
    }
}
