package dev.ductor.runner.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunFinished;
import dev.ductor.model.RunFinished.Outcome;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunOutput.Kind;
import dev.ductor.model.RunRequest;
import dev.ductor.testkit.cli.InstalledClis;
import dev.ductor.testkit.modelapi.FakeModelApi;
import dev.ductor.testkit.modelapi.ModelApi;
import dev.ductor.testkit.modelapi.RecordedRequest;
import dev.ductor.testkit.modelapi.Reply;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same scenarios for each real CLI, through the runner's real run path, against {@link FakeModelApi} on
 * loopback, with HOME, the CLI's config dir and TMPDIR in a temp dir. A subclass tells how its CLI is pointed
 * at the fake (environment through {@code DUCTOR_HOME/.env}, config files) and what differs in its stream.
 * Skipped, with a message, when the CLI is not installed (see {@code bin/install-clis}).
 */
abstract class CliContract {

    /** Variables of the host that would point a CLI elsewhere or change how it authenticates. */
    private static final List<String> HOST_PREFIXES =
            List.of("ANTHROPIC_", "CLAUDE_", "OPENAI_", "CODEX_", "GEMINI_", "GOOGLE_");

    @TempDir
    Path tmp;

    protected FakeModelApi api;
    private @Nullable RunnerUnderTest runner;
    private int runs;

    /** The provider name, also the executable's. */
    abstract String cli();

    abstract String model();

    /** The dialect of the CLI's model turns (the requests the script answers). */
    abstract ModelApi dialect();

    /** Points the CLI at {@code baseUrl}: variables for {@code DUCTOR_HOME/.env}, files under {@code tmp}. */
    abstract void configure(String baseUrl, Path home, Map<String, String> dotEnv) throws IOException;

    /** The tool name the runner reports for a shell command. */
    abstract String shellToolName();

    /** Whether the CLI's stream shows that the model thought (then the runner says STATUS thinking). */
    abstract boolean showsThinking();

    /** What a run against a server that is down ends with, within {@link #downTimeoutSeconds()}. */
    abstract Outcome downOutcome();

    int downTimeoutSeconds() {
        return 20;
    }

    @BeforeEach
    void startFakeModelApi() {
        assumeTrue(InstalledClis.find(cli()).isPresent(), () -> InstalledClis.notInstalled(cli()));
        api = FakeModelApi.start();
    }

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
        if (api != null) {
            api.close();
        }
    }

    /** The runner, its CLI pointed at {@code baseUrl}. */
    RunnerUnderTest runner(String baseUrl) throws IOException {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path tmpDir = Files.createDirectories(tmp.resolve("tmp"));
        var ductorHome = new DuctorHome(tmp.resolve("ductor"));
        Files.createDirectories(ductorHome.root());
        Map<String, String> env = new HashMap<>();
        System.getenv().forEach((name, value) -> {
            if (HOST_PREFIXES.stream().noneMatch(name::startsWith)) {
                env.put(name, value);
            }
        });
        env.put("HOME", home.toString());
        env.put("TMPDIR", tmpDir.toString());
        Map<String, String> dotEnv = new LinkedHashMap<>();
        configure(baseUrl, home, dotEnv);
        Files.writeString(
                ductorHome.envFile(),
                dotEnv.entrySet().stream()
                        .map(e -> e.getKey() + "=" + e.getValue() + "\n")
                        .collect(Collectors.joining()));
        runner = new RunnerUnderTest(InstalledClis.bin(), ductorHome, env);
        return runner;
    }

    RunRequest request(String prompt, @Nullable String resume, String permissionMode, int timeoutSeconds) {
        return new RunRequest(
                cli() + "-run-" + ++runs,
                new ChatRef("tg", "main", 4711, null),
                cli(),
                model(),
                "",
                permissionMode,
                prompt,
                null,
                resume,
                timeoutSeconds,
                List.of(),
                null,
                null);
    }

    RunRequest request(String prompt) {
        return request(prompt, null, "default", 60);
    }

    List<RecordedRequest> modelTurns() {
        return api.requests(dialect());
    }

    static List<String> texts(List<RunOutput> outputs, Kind kind) {
        return outputs.stream()
                .filter(o -> o.kind() == kind)
                .map(o -> o.text().strip()) // a piece that starts a block carries its separator
                .toList();
    }

    @Test
    void plainAnswer() throws IOException {
        api.script(Reply.text("Hello from the contract test."));
        RunnerUnderTest runner = runner(api.baseUrl());
        RunRequest request = request("say hello");

        RunFinished finished = runner.run(request);

        assertThat(finished.outcome()).as(finished.toString()).isEqualTo(Outcome.SUCCESS);
        assertThat(finished.resultText()).isEqualTo("Hello from the contract test.");
        assertThat(finished.sessionId()).isNotBlank();
        assertThat(finished.exitCode()).isZero();
        assertThat(texts(runner.outputs(request.runId()), Kind.TEXT)).contains("Hello from the contract test.");
        assertThat(modelTurns()).hasSize(1);
        assertThat(modelTurns().getFirst().body()).contains("say hello");
    }

    /** MAINMEMORY and the prompt travel in a file and on stdin, never in argv: the model still gets both. */
    @Test
    void appendedSystemPromptAndPromptReachTheModelOutsideArgv() throws IOException {
        api.script(Reply.text("Noted."));
        RunnerUnderTest runner = runner(api.baseUrl());
        RunRequest plain = request("say hello with the memory");
        RunRequest request = new RunRequest(
                plain.runId(),
                plain.chat(),
                plain.provider(),
                plain.model(),
                plain.reasoningEffort(),
                plain.permissionMode(),
                plain.prompt(),
                "MAINMEMORY: the user's cat is called Zebedee-4711.",
                null,
                plain.timeoutSeconds(),
                plain.cliParameters(),
                null,
                null);

        RunFinished finished = runner.run(request);

        assertThat(finished.outcome()).as(finished.toString()).isEqualTo(Outcome.SUCCESS);
        assertThat(finished.resultText()).isEqualTo("Noted.");
        assertThat(modelTurns()).hasSize(1);
        assertThat(modelTurns().getFirst().body()).contains("say hello with the memory", "Zebedee-4711");
    }

    @Test
    void resumedSessionSendsTheEarlierConversation() throws IOException {
        api.script(Reply.text("First answer: the number is 42."), Reply.text("Second answer."));
        RunnerUnderTest runner = runner(api.baseUrl());
        RunFinished first = runner.run(request("remember the number 42"));
        assertThat(first.outcome()).as(first.toString()).isEqualTo(Outcome.SUCCESS);

        RunFinished second = runner.run(request("which number?", first.sessionId(), "default", 60));

        assertThat(second.outcome()).as(second.toString()).isEqualTo(Outcome.SUCCESS);
        assertThat(second.resultText()).isEqualTo("Second answer.");
        assertThat(second.sessionId()).isEqualTo(first.sessionId());
        assertThat(modelTurns()).hasSize(2);
        assertThat(modelTurns().getLast().body())
                .contains("remember the number 42", "First answer: the number is 42.", "which number?");
    }

    @Test
    void toolCallRunsTheCommandAndIsReported() throws IOException {
        api.script(Reply.shell("echo contract-tool-ok"), Reply.text("The tool ran."));
        RunnerUnderTest runner = runner(api.baseUrl());
        RunRequest request = request("run the tool", null, "bypassPermissions", 60);

        RunFinished finished = runner.run(request);

        assertThat(finished.outcome()).as(finished.toString()).isEqualTo(Outcome.SUCCESS);
        assertThat(texts(runner.outputs(request.runId()), Kind.TOOL)).contains(shellToolName());
        assertThat(finished.resultText()).contains("The tool ran.");
        assertThat(modelTurns()).hasSize(2);
        assertThat(modelTurns().getLast().body())
                .as("the tool's output went back to the model")
                .contains("contract-tool-ok");
    }

    @Test
    void thinkingStaysOutOfTheAnswer() throws IOException {
        api.script(Reply.text("The answer is 4.").withThinking("private chain of thought"));
        RunnerUnderTest runner = runner(api.baseUrl());
        RunRequest request = request("what is 2+2?");

        RunFinished finished = runner.run(request);

        assertThat(finished.outcome()).as(finished.toString()).isEqualTo(Outcome.SUCCESS);
        assertThat(finished.resultText()).isEqualTo("The answer is 4.");
        List<RunOutput> outputs = runner.outputs(request.runId());
        assertThat(texts(outputs, Kind.TEXT)).noneMatch(t -> t.contains("private chain of thought"));
        if (showsThinking()) {
            assertThat(texts(outputs, Kind.STATUS)).contains("thinking");
        }
    }

    @Test
    void unauthorizedIsAnAuthError() throws IOException {
        api.otherwise(Reply.unauthorized());
        RunnerUnderTest runner = runner(api.baseUrl());

        RunFinished finished = runner.run(request("hello", null, "default", 60));

        assertThat(finished.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finished.error()).as(finished.toString()).startsWith("auth:");
        assertThat(modelTurns()).as("no retries").hasSize(1);
    }

    @Test
    void rateLimitedIsARateLimitError() throws IOException {
        api.otherwise(Reply.rateLimited(1));
        RunnerUnderTest runner = runner(api.baseUrl());

        RunFinished finished = runner.run(request("hello", null, "default", 60));

        assertThat(finished.outcome()).isEqualTo(Outcome.ERROR);
        assertThat(finished.error()).as(finished.toString()).startsWith("rate_limit:");
    }

    @Test
    void serverDownEndsTheRunWithinTheDeadline() throws IOException {
        RunnerUnderTest runner = runner(FakeModelApi.unusedPortUrl());
        int timeout = downTimeoutSeconds();
        long start = System.nanoTime();

        RunFinished finished = runner.run(request("hello", null, "default", timeout));

        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(finished.outcome()).as(finished.toString()).isEqualTo(downOutcome());
        assertThat(finished.error()).isNotBlank();
        assertThat(took).isLessThan(Duration.ofSeconds(timeout + 10));
    }
}
