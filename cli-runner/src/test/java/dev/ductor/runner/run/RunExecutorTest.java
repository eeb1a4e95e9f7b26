package dev.ductor.runner.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.agents.AgentApiTokens;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.CancelRun;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.model.RunHeartbeat;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunRequest;
import dev.ductor.model.RunStarted;
import dev.ductor.runner.RunnerProperties;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.process.DockerSandbox;
import dev.ductor.runner.process.ExecutableLocator;
import dev.ductor.runner.provider.Providers;
import dev.ductor.runner.provider.claude.ClaudeProvider;
import dev.ductor.runner.provider.codex.CodexProvider;
import dev.ductor.runner.provider.gemini.GeminiProvider;
import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The run lifecycle against a fake claude: events, outcomes, signals, tree kill, timeout. */
class RunExecutorTest {

    private static final String HELLO_SESSION = "04f42236-9b6b-4e1a-b43d-b3728c0def06";

    @TempDir
    Path tmp;

    private Path cliDir;
    private DuctorHome home;
    private final RecordingRunEvents events = new RecordingRunEvents();
    private final ActiveRuns active = new ActiveRuns();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
    private RunExecutor executor;
    private ConfigStore configs;
    private Map<String, String> base;
    private RunnerProperties properties;

    @BeforeEach
    void setUp() throws IOException {
        cliDir = tmp.resolve("bin");
        home = new DuctorHome(tmp.resolve("home"));
        Files.createDirectories(home.root());
        Files.writeString(
                home.envFile(),
                "EXISTING=from-dotenv\nSECRET_TOKEN='s3cret'\nDUCTOR_TELEGRAM_TOKEN=1:dotenv\n"
                        + "OPENAI_BASE_URL=from-dotenv\n");
        var base = new HashMap<>(System.getenv());
        base.put("EXISTING", "from-host");
        base.put("OPENAI_BASE_URL", "from-host");
        base.put("DUCTOR_TELEGRAM_TOKEN", "123456:runner-must-not-pass-this");
        base.put("DUCTOR_ALLOWED_USER_IDS", "42");
        base.put("SPRING_RABBITMQ_PASSWORD", "broker-secret");
        base.put("ANTHROPIC_API_KEY", "sk-ant-for-the-cli");
        base.put("LC_ALL", "C.UTF-8");
        base.put("DUCTOR_AGENT_API_URL", "http://127.0.0.1:8799");
        base.put("DUCTOR_AGENT_API_TOKEN", "for-the-tools");
        configs = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        var properties = new RunnerProperties("runner-a", 2, Duration.ofMillis(100), List.of(cliDir));
        base.put("HOME", tmp.resolve("user-home").toString());
        base.remove("GEMINI_API_KEY");
        base.remove("GOOGLE_API_KEY");
        this.base = base;
        this.properties = properties;
        executor = newExecutor();
    }

    private RunExecutor newExecutor() {
        return new RunExecutor(
                new Providers(List.of(new ClaudeProvider(), new CodexProvider(), new GeminiProvider())),
                new ExecutableLocator(List.of(cliDir), ""),
                new CliEnvironment(base, home),
                home,
                events,
                active,
                new RunMetrics(registry, active, properties),
                properties,
                scheduler,
                configs,
                new DockerSandbox(new ExecutableLocator(List.of(cliDir), ""), home, configs, tmp, null));
    }

    @AfterEach
    void tearDown() {
        scheduler.shutdownNow();
    }

    private static RunRequest request(String runId, int timeoutSeconds) {
        return request(runId, timeoutSeconds, null);
    }

    private static RunRequest request(String runId, int timeoutSeconds, @Nullable String appendSystemPrompt) {
        return new RunRequest(
                runId,
                new ChatRef("tg", "main", 4711, 9L),
                "claude",
                "opus",
                "",
                "bypassPermissions",
                "hello there",
                appendSystemPrompt,
                null,
                timeoutSeconds,
                List.of(),
                null,
                null);
    }

    private FakeCli claude(Response response) {
        return FakeCli.in(cliDir).named("claude").respond(response).install();
    }

    private RunFinished finished() {
        await().atMost(Duration.ofSeconds(15))
                .until(() -> !events.all(RunFinished.class).isEmpty());
        return events.all(RunFinished.class).getFirst();
    }

    private void executeInBackground(RunRequest request) {
        Thread.ofVirtual().start(() -> executor.execute(request, () -> {}));
    }

    @Test
    void successfulTurnStreamsAndFinishesWithTheResult() {
        FakeCli fake = claude(Response.sample("claude-hello.stream-json.jsonl"));
        var ackedBeforeSpawn = new AtomicBoolean();

        executor.execute(
                request("r1", 60), () -> ackedBeforeSpawn.set(fake.invocations().isEmpty()));

        assertThat(ackedBeforeSpawn).isTrue();
        assertThat(home.root().resolve("tmp").resolve("run-r1"))
                .as("the empty scratch folder is gone")
                .doesNotExist();
        assertThat(events.messageIds())
                .filteredOn(id -> !id.contains(":hb:"))
                .containsExactly("r1:started", "r1:1", "r1:finished");
        RunStarted started = events.all(RunStarted.class).getFirst();
        assertThat(started.runnerId()).isEqualTo("runner-a");
        assertThat(started.pid()).isEqualTo(fake.invocations().getFirst().pid());
        assertThat(events.all(RunOutput.class))
                .containsExactly(new RunOutput(
                        "r1", 1, RunOutput.Kind.TEXT, 0, "Hello from fake anthropic. You said: hello there"));
        assertThat(finished())
                .isEqualTo(new RunFinished(
                        "r1",
                        Outcome.SUCCESS,
                        "Hello from fake anthropic. You said: hello there",
                        HELLO_SESSION,
                        0.000175,
                        15,
                        266,
                        0,
                        null));
        assertThat(registry.get("ductor.runs.finished")
                        .tag("provider", "claude")
                        .tag("outcome", "success")
                        .counter()
                        .count())
                .isEqualTo(1);
    }

    @Test
    void aSubAgentsTurnRunsInItsOwnHomeAndItsEventsGoToItsOrchestrator() {
        FakeCli fake = claude(Response.sample("claude-hello.stream-json.jsonl"));
        RunRequest main = request("r-sub", 60);
        RunRequest helper = new RunRequest(
                "r-sub",
                new ChatRef("tg", "helper", 4711, null),
                main.provider(),
                main.model(),
                main.reasoningEffort(),
                main.permissionMode(),
                main.prompt(),
                null,
                null,
                60,
                List.of(),
                null,
                null);

        executor.execute(helper, () -> {});

        Invocation call = fake.invocations().getFirst();
        Path helperHome = home.root().resolve("agents").resolve("helper");
        assertThat(call.env()).containsEntry("DUCTOR_HOME", helperHome.toString());
        assertThat(call.env()).containsEntry("DUCTOR_AGENT_NAME", "helper");
        // the sub-agent's own credential for the agent API, never the deployment's (behaviour §5.8, §6.8)
        assertThat(call.env())
                .containsEntry("DUCTOR_AGENT_API_TOKEN", AgentApiTokens.forAgent("for-the-tools", "helper"))
                .doesNotContainValue("for-the-tools");
        assertThat(helperHome.resolve("workspace")).isDirectory();
        assertThat(events.published)
                .isNotEmpty()
                .allSatisfy(published -> assertThat(published.agent()).isEqualTo("helper"));
        assertThat(finished().outcome()).isEqualTo(Outcome.SUCCESS);
    }

    @Test
    void theCliGetsItsArgvEnvironmentClosedStdinAndWorkspace() {
        FakeCli fake = claude(Response.sample("claude-hello.stream-json.jsonl"));

        executor.execute(request("r2", 60), () -> {});

        Invocation call = fake.invocations().getFirst();
        assertThat(call.argv())
                .containsExactly(
                        "--verbose",
                        "-p",
                        "--output-format",
                        "stream-json",
                        "--include-partial-messages",
                        "--permission-mode",
                        "bypassPermissions",
                        "--model",
                        "opus");
        assertThat(call.stdin()).isEqualTo("hello there");
        assertThat(call.env())
                .containsEntry("EXISTING", "from-dotenv")
                .containsEntry("OPENAI_BASE_URL", "from-host")
                .containsEntry("SECRET_TOKEN", "s3cret")
                .containsEntry("ANTHROPIC_API_KEY", "sk-ant-for-the-cli")
                .containsEntry("LC_ALL", "C.UTF-8")
                .containsEntry("HOME", tmp.resolve("user-home").toString())
                .doesNotContainKeys("DUCTOR_TELEGRAM_TOKEN", "DUCTOR_ALLOWED_USER_IDS", "SPRING_RABBITMQ_PASSWORD")
                .containsEntry("DUCTOR_CHAT_ID", "4711")
                .containsEntry("DUCTOR_TOPIC_ID", "9")
                .containsEntry("DUCTOR_TRANSPORT", "tg")
                .containsEntry("DUCTOR_AGENT_NAME", "main")
                .containsEntry("DUCTOR_HOME", home.root().toString())
                .containsEntry("DUCTOR_AGENT_API_URL", "http://127.0.0.1:8799")
                .containsEntry("DUCTOR_AGENT_API_TOKEN", "for-the-tools")
                .containsEntry("PWD", home.workspace().toString());
        if ("root".equals(System.getProperty("user.name"))) {
            assertThat(call.env()).containsEntry("IS_SANDBOX", "1");
        }
    }

    @Test
    void aCronTaskRunsInItsFolderAndNeverOutsideTheWorkspace() throws IOException {
        FakeCli fake = claude(Response.sample("claude-hello.stream-json.jsonl"));
        Path folder =
                Files.createDirectories(home.workspace().resolve("cron_tasks").resolve("daily"));
        RunRequest plain = request("r-task", 60);

        executor.execute(withFolder(plain, "cron_tasks/daily"), () -> {});

        assertThat(fake.invocations().getFirst().env()).containsEntry("PWD", folder.toString());
        executor.execute(withFolder(request("r-escape", 60), "../.."), () -> {});
        assertThat(events.all(RunFinished.class))
                .filteredOn(f -> f.runId().equals("r-escape"))
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.outcome()).isEqualTo(RunFinished.Outcome.ERROR);
                    assertThat(f.error()).contains("not a folder inside the workspace");
                });
        assertThat(fake.invocations()).hasSize(1);
    }

    @Test
    void aTaskFolderThatIsASymlinkOutOfTheWorkspaceIsRefused() throws IOException {
        FakeCli fake = claude(Response.sample("claude-hello.stream-json.jsonl"));
        Path outside = Files.createDirectories(home.root().resolve("outside"));
        Files.createDirectories(home.workspace().resolve("cron_tasks"));
        Files.createSymbolicLink(home.workspace().resolve("cron_tasks").resolve("linked"), outside);

        executor.execute(withFolder(request("r-linked", 60), "cron_tasks/linked"), () -> {});

        assertThat(events.all(RunFinished.class))
                .filteredOn(f -> f.runId().equals("r-linked"))
                .singleElement()
                .satisfies(f -> assertThat(f.error()).contains("not a folder inside the workspace"));
        assertThat(fake.invocations()).isEmpty();
    }

    private static RunRequest withFolder(RunRequest r, String folder) {
        return new RunRequest(
                r.runId(),
                r.chat(),
                r.provider(),
                r.model(),
                r.reasoningEffort(),
                r.permissionMode(),
                r.prompt(),
                r.appendSystemPrompt(),
                r.resumeSessionId(),
                r.timeoutSeconds(),
                r.cliParameters(),
                r.maxTurns(),
                r.maxBudgetUsd(),
                folder);
    }

    @Test
    void theSystemPromptAndThePromptStayOutOfArgvInPrivateFilesAndStdin() throws IOException {
        FakeCli fake = claude(Response.sample("claude-hello.stream-json.jsonl").hangs());
        String memory = "MAINMEMORY: " + "remember this. ".repeat(20_000);
        RunRequest request = request("r20", 60, memory);
        executeInBackground(request);
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.all(RunOutput.class).isEmpty());

        Invocation call = fake.invocations().getFirst();
        assertThat(call.argv()).noneMatch(arg -> arg.contains("hello there") || arg.contains("MAINMEMORY"));
        Path systemPrompt = Path.of(call.argv().get(call.argv().indexOf("--append-system-prompt-file") + 1));
        assertThat(systemPrompt).startsWithRaw(home.root().resolve("tmp").resolve("run-r20"));
        assertThat(Files.readString(systemPrompt)).isEqualTo(memory);
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(systemPrompt)))
                .isEqualTo("rw-------");
        assertThat(java.nio.file.attribute.PosixFilePermissions.toString(
                        Files.getPosixFilePermissions(systemPrompt.getParent())))
                .isEqualTo("rwx------");
        assertThat(call.stdin()).isEqualTo("hello there");

        active.cancel("r20", CancelRun.Mode.STOP);
        assertThat(finished().outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(systemPrompt.getParent()).doesNotExist();
    }

    private static String claudeText(String id, String text) {
        return "{\"type\":\"assistant\",\"message\":{\"id\":\"" + id
                + "\",\"type\":\"message\",\"role\":\"assistant\",\"content\":[{\"type\":\"text\",\"text\":\""
                + text + "\"}]},\"session_id\":\"" + HELLO_SESSION + "\"}";
    }

    @Test
    void partialMessagesStreamTheTextAsItIsWrittenAndTheWholeBlockAddsNothingTwice() {
        claude(Response.sample("claude-partial-messages.stream-json.jsonl"));

        executor.execute(request("r25", 60), () -> {});

        String answer = "Hello from fake anthropic. You said: SLOW stream me some words please now";
        assertThat(finished().resultText()).isEqualTo(answer);
        List<RunOutput> texts = events.all(RunOutput.class).stream()
                .filter(o -> o.kind() == RunOutput.Kind.TEXT)
                .toList();
        assertThat(texts)
                .extracting(RunOutput::offset, RunOutput::text)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(0L, "Hello from fake anthropic. "),
                        org.assertj.core.groups.Tuple.tuple(27L, "You said: SLOW stream "),
                        org.assertj.core.groups.Tuple.tuple(49L, "me some words please "),
                        org.assertj.core.groups.Tuple.tuple(70L, "now"));
    }

    @Test
    void aLineOverOneMebibyteIsCutAndTheAnswerSaysItWasTruncated() {
        List<String> hello = FakeCli.sample("claude-hello.stream-json.jsonl");
        claude(Response.lines(
                hello.get(0), claudeText("huge", "y".repeat(3 * 1024 * 1024)), hello.get(1), hello.get(2)));

        executor.execute(request("r23", 60), () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(finished.resultText())
                .isEqualTo("Hello from fake anthropic. You said: hello there" + TurnState.TRUNCATED);
        assertThat(events.all(RunOutput.class))
                .extracting(RunOutput::text)
                .containsExactly(TurnState.TRUNCATED.strip(), "\n\nHello from fake anthropic. You said: hello there");
        assertThat(events.all(RunOutput.class)).extracting(RunOutput::offset).containsExactly(0L, 18L);
    }

    @Test
    void theAnswerIsCappedWithAVisibleMarker() {
        String piece = "z".repeat(100 * 1024);
        List<String> lines = new java.util.ArrayList<>();
        lines.add(FakeCli.sample("claude-hello.stream-json.jsonl").getFirst());
        for (int i = 0; i < 4; i++) {
            lines.add(claudeText("m" + i, piece));
        }
        claude(Response.lines(lines));

        executor.execute(request("r24", 60), () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(finished.resultText()).hasSize(TurnState.MAX_ANSWER_CHARS + TurnState.TRUNCATED.length());
        assertThat(finished.resultText()).endsWith("z" + TurnState.TRUNCATED);
        List<String> texts =
                events.all(RunOutput.class).stream().map(RunOutput::text).toList();
        assertThat(String.join("", texts)).isEqualTo(finished.resultText());
        assertThat(texts).hasSize(3).last().asString().endsWith(TurnState.TRUNCATED);
        assertThat(events.all(RunOutput.class))
                .extracting(RunOutput::offset)
                .containsExactly(0L, (long) piece.length(), 2L * piece.length() + 2);
    }

    @Test
    void stopKillsTheWholeTreeAndKeepsTheSessionId() {
        FakeCli fake = claude(
                Response.lines(FakeCli.sample("claude-hello.stream-json.jsonl").getFirst())
                        .spawnChild()
                        .hangs());
        executeInBackground(request("r3", 60));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> active.contains("r3") && !fake.invocations().isEmpty());
        Invocation call = fake.invocations().getFirst();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !events.all(RunHeartbeat.class).isEmpty());

        assertThat(active.cancel("r3", CancelRun.Mode.STOP)).isTrue();

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.STOPPED);
        assertThat(finished.sessionId()).isEqualTo(HELLO_SESSION);
        assertThat(finished.error()).isNull();
        assertThat(events.messageIds()).contains("r3:hb:1").last().isEqualTo("r3:finished");
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(call.pid()) && !alive(call.childPid()));
        await().atMost(Duration.ofSeconds(5)).until(() -> !active.contains("r3"));
    }

    @Test
    void aRunnerShuttingDownEndsItsRunsAsShutdownNotAsAStopSomeoneAskedFor() {
        FakeCli fake = claude(
                Response.sample("claude-hello.stream-json.jsonl").spawnChild().hangs());
        executeInBackground(request("r21", 60));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.all(RunOutput.class).isEmpty());

        new StoppingRunsOnShutdown(active).stop();

        assertThat(events.all(RunFinished.class))
                .as("out before the runner goes on shutting down")
                .hasSize(1);
        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.SHUTDOWN);
        assertThat(finished.error()).isEqualTo("shutdown: the runner shut down during the turn");
        assertThat(finished.sessionId()).isEqualTo(HELLO_SESSION);
        assertThat(finished.resultText()).isEmpty();
        assertThat(active.count()).isZero();
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !alive(fake.invocations().getFirst().childPid()));
    }

    @Test
    void stopAllIsAStopTheUserAskedFor() {
        claude(Response.sample("claude-hello.stream-json.jsonl").hangs());
        executeInBackground(request("r22", 60));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.all(RunOutput.class).isEmpty());

        assertThat(active.stopAll()).isEqualTo(1);

        assertThat(finished().outcome()).isEqualTo(Outcome.STOPPED);
    }

    @Test
    void interruptSendsSigint() {
        FakeCli fake = claude(
                Response.sample("claude-hello.stream-json.jsonl").spawnChild().hangs());
        executeInBackground(request("r4", 60));
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.all(RunOutput.class).isEmpty());

        active.cancel("r4", CancelRun.Mode.INTERRUPT);

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.INTERRUPTED);
        assertThat(finished.exitCode()).isEqualTo(130);
        assertThat(finished.sessionId()).isEqualTo(HELLO_SESSION);
        Invocation call = fake.invocations().getFirst();
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(call.childPid()));
    }

    @Test
    void timeoutKillsTheTree() throws IOException {
        timeouts(false, 1, 0);
        FakeCli fake = claude(
                Response.lines(FakeCli.sample("claude-hello.stream-json.jsonl").getFirst())
                        .spawnChild()
                        .hangs());

        executor.execute(request("r5", 1), () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(finished.sessionId()).isEqualTo(HELLO_SESSION);
        assertThat(finished.error()).startsWith("timeout:");
        await().atMost(Duration.ofSeconds(5))
                .until(() -> !alive(fake.invocations().getFirst().childPid()));
    }

    @Test
    void nonZeroExitWithoutResultReportsTheStderrTail() {
        claude(Response.lines(FakeCli.sample("claude-hello.stream-json.jsonl").getFirst())
                .stderr("warming up\nError: When using --print, --output-format=stream-json requires --verbose\n")
                .exitCode(1));

        executor.execute(request("r6", 60), () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finished.exitCode()).isEqualTo(1);
        assertThat(finished.sessionId()).isEqualTo(HELLO_SESSION);
        assertThat(finished.error())
                .isEqualTo("cli_error: Error: When using --print, --output-format=stream-json requires --verbose");
    }

    @Test
    void staleResumeIsClassifiedSoTheOrchestratorCanStartFresh() {
        claude(Response.sample("claude-bad-resume.stream-json.jsonl")
                .stderr("No conversation found with session ID: 11111111-1111-1111-1111-111111111111\n")
                .exitCode(1));

        executor.execute(request("r7", 60), () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finished.error()).startsWith("bad_resume: No conversation found with session ID");
    }

    @Test
    void apiErrorInTheResultIsAnError() {
        claude(Response.sample("claude-401-no-retries.stream-json.jsonl").exitCode(1));

        executor.execute(request("r8", 60), () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finished.error()).isEqualTo("auth: Invalid API key · Fix external API key");
        assertThat(finished.sessionId()).isEqualTo("a935775c-4b16-4fcc-9150-f84b9a2f9586");
    }

    @Test
    void missingExecutableIsCliNotFoundWithTheInstallHint() {
        var acked = new AtomicBoolean();

        executor.execute(request("r9", 60), () -> acked.set(true));

        assertThat(acked).isTrue();
        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.CLI_NOT_FOUND);
        assertThat(finished.error()).startsWith("cli_not_found:").contains("npm install -g @anthropic-ai/claude-code");
        assertThat(events.messageIds()).containsExactly("r9:finished");
    }

    @Test
    void codexUnknownThreadOnStderrIsABadResume() {
        FakeCli.in(cliDir)
                .named("codex")
                .respond(Response.lines()
                        .stderr("Error: thread/resume: thread/resume failed: no rollout found for thread id 4444"
                                + " (code -32600)\n   0: backtrace frame\n   1: another frame\n")
                        .exitCode(1))
                .install();
        RunRequest codex = new RunRequest(
                "r10",
                new ChatRef("tg", "main", 1, null),
                "codex",
                "gpt-5.5",
                "",
                "default",
                "next",
                null,
                "4444",
                60,
                List.of(),
                null,
                null);

        executor.execute(codex, () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finished.error())
                .isEqualTo("bad_resume: Error: thread/resume: thread/resume failed: no rollout found for thread id 4444"
                        + " (code -32600)");
    }

    @Test
    void aSigkillWeDidNotSendIsClassifiedAsKilled() {
        FakeCli fake = claude(
                Response.lines(FakeCli.sample("claude-hello.stream-json.jsonl").subList(0, 2))
                        .hangs());
        executeInBackground(request("r11", 60));
        // The text line comes after the session start: once it is out, the session id is known.
        await().atMost(Duration.ofSeconds(10))
                .until(() -> !events.all(RunOutput.class).isEmpty());

        ProcessHandle.of(fake.invocations().getFirst().pid()).ifPresent(ProcessHandle::destroyForcibly);

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finished.exitCode()).isEqualTo(137);
        assertThat(finished.error()).startsWith("killed: claude was killed (SIGKILL)");
        assertThat(registry.get("ductor.run.errors")
                        .tag("provider", "claude")
                        .tag("category", "killed")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(registry.get("ductor.run.exit.codes")
                        .tag("code", "137")
                        .counter()
                        .count())
                .isEqualTo(1);
        assertThat(finished.sessionId()).isEqualTo(HELLO_SESSION);
    }

    @Test
    void codexExitingWithoutAFinalResponseIsAnError() {
        FakeCli fakeCodex = FakeCli.in(cliDir)
                .named("codex")
                .respond(Response.lines("{\"type\":\"thread.started\",\"thread_id\":\"t-1\"}"))
                .install();

        executor.execute(codexRequest("r12", "hello"), () -> {});

        assertThat(fakeCodex.invocations().getFirst().argv()).endsWith("--", "-");
        assertThat(fakeCodex.invocations().getFirst().stdin()).isEqualTo("hello");
        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finished.error()).isEqualTo("cli_error: Codex failed before producing a final response.");
        assertThat(finished.sessionId()).isEqualTo("t-1");
    }

    @Test
    void geminiWithoutAnyKeyOrLoginIsRefusedWithoutRunningIt() throws IOException {
        FakeCli fake = FakeCli.in(cliDir)
                .named("gemini")
                .respond(Response.sample("gemini-hello.stream-json.jsonl"))
                .install();
        Files.writeString(home.envFile(), "OTHER=1\n");

        executor.execute(geminiRequest("r13", null), () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finished.error())
                .startsWith("gemini_missing_key: Gemini is set to API-key auth mode, but `gemini_api_key`");
        assertThat(fake.invocations()).isEmpty();
    }

    @Test
    void geminiGetsTheConfigKeyOverDotEnvAndItsSystemPromptAsAFile() throws IOException {
        FakeCli fake = FakeCli.in(cliDir)
                .named("gemini")
                .respond(Response.sample("gemini-hello.stream-json.jsonl"))
                .install();
        Files.writeString(home.envFile(), "GEMINI_API_KEY=from-dotenv\n");
        String config = Files.readString(home.configFile())
                .replaceFirst("\"gemini_api_key\"\\s*:\\s*[^,]*,", "\"gemini_api_key\": \"from-config\",");
        Files.writeString(home.configFile(), config);
        configs = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        executor = newExecutor();

        executor.execute(geminiRequest("r14", "Be brief."), () -> {});

        assertThat(finished().outcome()).isEqualTo(Outcome.SUCCESS);
        Invocation call = fake.invocations().getFirst();
        assertThat(call.env()).containsEntry("GEMINI_API_KEY", "from-config");
        Path systemMd = Path.of(call.env().get("GEMINI_SYSTEM_MD"));
        assertThat(systemMd).startsWithRaw(home.root().resolve("tmp"));
        assertThat(systemMd).doesNotExist();
        assertThat(call.stdin()).isEqualTo("hello");
        assertThat(call.argv()).doesNotContain("hello", "Be brief.");
    }

    @Test
    void aCliThatKeepsPrintingGetsItsDeadlineExtendedThenTimesOut() throws IOException {
        timeouts(true, 1, 1);
        String text = FakeCli.sample("claude-hello.stream-json.jsonl").get(1);
        claude(Response.lines(java.util.Collections.nCopies(12, text))
                .delay(Duration.ofMillis(250))
                .hangs());

        executor.execute(request("r15", 1), () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(events.all(RunOutput.class))
                .filteredOn(o -> o.kind() == RunOutput.Kind.STATUS)
                .extracting(RunOutput::text)
                .containsExactly("timeout_extended");
        assertThat(finished.error()).isEqualTo("timeout: the CLI was terminated after 2 s");
    }

    @Test
    void whatAnExitedCliLeftRunningInItsGroupIsKilled() {
        FakeCli fake = claude(Response.sample("claude-hello.stream-json.jsonl").spawnChild());

        executor.execute(request("r16", 60), () -> {});

        assertThat(finished().outcome()).isEqualTo(Outcome.SUCCESS);
        long child = fake.invocations().getFirst().childPid();
        assertThat(child).isPositive();
        await().atMost(Duration.ofSeconds(5)).until(() -> !alive(child));
    }

    @Test
    void geminiStreamsWithoutAResultAreSyntheticResults() throws IOException {
        Files.writeString(home.envFile(), "GEMINI_API_KEY=k\n");
        List<String> hello = FakeCli.sample("gemini-hello.stream-json.jsonl");
        FakeCli.in(cliDir)
                .named("gemini")
                .respond(Response.lines(hello.subList(0, hello.size() - 1)))
                .then(Response.lines().exitCode(41))
                .install();

        executor.execute(geminiRequest("r17", null), () -> {});
        executor.execute(geminiRequest("r18", null), () -> {});

        await().atMost(Duration.ofSeconds(15))
                .until(() -> events.all(RunFinished.class).size() == 2);
        RunFinished ok = events.all(RunFinished.class).get(0);
        assertThat(ok.outcome()).isEqualTo(Outcome.SUCCESS);
        assertThat(ok.resultText()).isEqualTo("Hello from fake gemini. You said: hello model");
        assertThat(ok.sessionId()).isEqualTo("4a651da7-5488-4a7c-8e1f-b94cf3869f31");
        RunFinished failed = events.all(RunFinished.class).get(1);
        assertThat(failed.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(failed.error()).isEqualTo("cli_error: gemini exited with code 41");
    }

    @Test
    void codexRetryingAnUnreachableServerForeverStillEndsAtTheDeadline() {
        FakeCli.in(cliDir)
                .named("codex")
                .respond(Response.sample("codex-server-down-hangs.jsonl")
                        .delay(Duration.ofMillis(100))
                        .hangs())
                .install();

        executor.execute(codexRequest("r19", "hello"), () -> {});

        RunFinished finished = finished();
        assertThat(finished.outcome()).isEqualTo(Outcome.TIMEOUT);
        assertThat(finished.error()).isEqualTo("timeout: the CLI was terminated after 1 s");
        assertThat(finished.sessionId()).isEqualTo("01a20a1d-5936-7232-a90a-701045fd9543");
        assertThat(events.all(RunOutput.class)).extracting(RunOutput::text).doesNotContain("timeout_extended");
    }

    /** Rewrites {@code timeouts} of config.json (no warnings) and rebuilds the executor on it. */
    private void timeouts(boolean extend, int extension, int max) throws IOException {
        String config = Files.readString(home.configFile())
                .replaceFirst(
                        "\"timeouts\"\\s*:\\s*\\{[^}]*\\}",
                        ("\"timeouts\": {\"normal\": 600, \"background\": 1800, \"subagent\": 3600,"
                                        + " \"warning_intervals\": [], \"extend_on_activity\": %s,"
                                        + " \"activity_extension\": %d, \"max_extensions\": %d}")
                                .formatted(extend, extension, max));
        Files.writeString(home.configFile(), config);
        configs = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        executor = newExecutor();
    }

    private static RunRequest codexRequest(String runId, String prompt) {
        return new RunRequest(
                runId,
                new ChatRef("tg", "main", 1, null),
                "codex",
                "",
                "",
                "default",
                prompt,
                null,
                null,
                1,
                List.of(),
                null,
                null);
    }

    private static RunRequest geminiRequest(String runId, @Nullable String append) {
        return new RunRequest(
                runId,
                new ChatRef("tg", "main", 1, null),
                "gemini",
                "gemini-2.5-flash",
                "",
                "default",
                "hello",
                append,
                null,
                60,
                List.of(),
                null,
                null);
    }

    /** Alive and not a zombie: a zombie has exited, its parent just has not reaped it yet. */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }
}
