package dev.ductor.testkit.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FakeCliTest {

    @TempDir
    Path dir;

    @Test
    void replaysResponsesInCallOrderAndRepeatsTheLast() throws Exception {
        FakeCli claude = FakeCli.in(dir)
                .named("claude")
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .then(Response.lines("second").stderr("boom\n").exitCode(3))
                .install();

        Run first = run(claude, "", "-p", "hello there");
        Run second = run(claude, "", "x");
        Run third = run(claude, "", "y");

        assertThat(first.stdout().lines().toList()).isEqualTo(FakeCli.sample("claude-hello.stream-json.jsonl"));
        assertThat(first.exit()).isZero();
        assertThat(second.stdout()).isEqualTo("second\n");
        assertThat(second.stderr()).isEqualTo("boom\n");
        assertThat(second.exit()).isEqualTo(3);
        assertThat(third.exit()).isEqualTo(3);
        assertThat(claude.invocations()).extracting(Invocation::number).containsExactly(1, 2, 3);
    }

    @Test
    void concurrentCallsGetDistinctNumbersInOrderAndEachPlaysItsOwnResponse() throws Exception {
        int calls = 16;
        FakeCli fake = FakeCli.in(dir).named("claude").respond(Response.lines("answer 1"));
        for (int i = 2; i <= calls; i++) {
            fake = fake.then(Response.lines("answer " + i));
        }
        FakeCli claude = fake.install();

        var processes = new java.util.ArrayList<Process>();
        for (int i = 0; i < calls; i++) {
            processes.add(start(claude, ""));
        }
        var answers = new java.util.HashMap<Long, String>();
        for (Process process : processes) {
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.waitFor(20, TimeUnit.SECONDS)).isTrue();
            answers.put(process.pid(), out);
        }

        List<Invocation> recorded = claude.invocations();
        assertThat(recorded)
                .extracting(Invocation::number)
                .containsExactlyElementsOf(
                        java.util.stream.IntStream.rangeClosed(1, calls).boxed().toList());
        assertThat(recorded)
                .allSatisfy(call -> assertThat(answers.get(call.pid())).isEqualTo("answer " + call.number() + "\n"));
    }

    @Test
    void aCallTakesItsNumberFromTheCounterInsteadOfProbingTheTakenOnes() throws Exception {
        FakeCli claude = FakeCli.in(dir).respond(Response.lines("x")).install();

        run(claude, "");
        run(claude, "");

        assertThat(Files.readString(claude.recordDir().resolve("next-call"))).isEqualTo("3");
        assertThat(run(claude, "").exit()).isZero();
        assertThat(claude.invocations()).extracting(Invocation::number).containsExactly(1, 2, 3);

        // Without the counter a call finds its number by probing, and says nothing about it.
        Files.delete(claude.recordDir().resolve("next-call"));
        Run fourth = run(claude, "");
        assertThat(fourth.stderr()).isEmpty();
        assertThat(claude.invocations()).extracting(Invocation::number).containsExactly(1, 2, 3, 4);
    }

    @Test
    void recordsArgvStdinAndEnvironmentExactly() throws Exception {
        FakeCli codex =
                FakeCli.in(dir).named("codex").respond(Response.lines("{}")).install();

        run(codex, "the prompt\nline two", "exec", "--json", "two words", "multi\nline", "--", "-");

        Invocation call = codex.invocations().getFirst();
        assertThat(call.argv()).containsExactly("exec", "--json", "two words", "multi\nline", "--", "-");
        assertThat(call.stdin()).isEqualTo("the prompt\nline two");
        assertThat(call.env()).containsEntry("FAKE_MARKER", "a=b c");
        assertThat(call.pid()).isPositive();
        assertThat(call.childPid()).isZero();
    }

    @Test
    void recordsTheContentOfFilesNamedByFileOptions() throws Exception {
        FakeCli claude =
                FakeCli.in(dir).named("claude").respond(Response.lines("{}")).install();
        java.nio.file.Path memory = java.nio.file.Files.writeString(dir.resolve("system.md"), "MAINMEMORY\nline two");

        run(claude, "hi", "-p", "--append-system-prompt-file", memory.toString(), "--other-file", "/no/such/file");

        assertThat(claude.invocations().getFirst().files())
                .containsExactly(java.util.Map.entry("--append-system-prompt-file", "MAINMEMORY\nline two"));
    }

    @Test
    void hangsWithAChildUntilKilled() throws Exception {
        FakeCli gemini = FakeCli.in(dir)
                .named("gemini")
                .respond(Response.lines("{\"type\":\"init\"}").spawnChild().hangs())
                .install();
        Process process = start(gemini, "");

        await().atMost(Duration.ofSeconds(10)).until(() -> gemini.invocations().size() == 1);
        long child = gemini.invocations().getFirst().childPid();
        assertThat(ProcessHandle.of(child))
                .hasValueSatisfying(h -> assertThat(h.isAlive()).isTrue());
        assertThat(process.waitFor(200, TimeUnit.MILLISECONDS)).isFalse();

        process.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        await().atMost(Duration.ofSeconds(10)).until(() -> !process.isAlive());
    }

    @Test
    void diesOfTheSignalItSendsItselfAfterItsOutput() throws Exception {
        FakeCli claude = FakeCli.in(dir)
                .respond(Response.lines("{\"type\":\"system\"}").killedBy(9))
                .then(Response.lines("fine"))
                .install();

        Process killed = start(claude, "");
        String out = new String(killed.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(killed.waitFor(10, TimeUnit.SECONDS)).isTrue();
        Run next = run(claude, "");

        assertThat(out).isEqualTo("{\"type\":\"system\"}\n");
        assertThat(killed.exitValue())
                .as("death by SIGKILL, as Java reports it")
                .isEqualTo(128 + 9);
        assertThat(next.exit()).isZero();
        assertThat(claude.invocations()).hasSize(2);
    }

    @Test
    void delaysBetweenLines() throws Exception {
        FakeCli claude = FakeCli.in(dir)
                .respond(Response.lines("a", "b", "c").delay(Duration.ofMillis(100)))
                .install();
        long start = System.nanoTime();
        Run result = run(claude, "");
        assertThat(result.stdout()).isEqualTo("a\nb\nc\n");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(300));
    }

    @Test
    void aHeldResponsePrintsItsFirstLinesThenWaitsForTheRelease() throws Exception {
        FakeCli claude = FakeCli.in(dir)
                .respond(Response.lines("init", "answer", "result").heldAfter(1))
                .install();
        Process process = start(claude, "the prompt");
        var stdout = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));

        Invocation held = claude.awaitHeld(1, Duration.ofSeconds(10));

        assertThat(held.stdin()).isEqualTo("the prompt");
        assertThat(stdout.readLine()).isEqualTo("init");
        assertThat(process.isAlive()).as("held, not finished").isTrue();
        assertThat(process.getInputStream().available())
                .as("nothing after the hold yet")
                .isZero();

        claude.release(held);

        assertThat(stdout.readLine()).isEqualTo("answer");
        assertThat(stdout.readLine()).isEqualTo("result");
        assertThat(stdout.readLine()).isNull();
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isZero();
    }

    @Test
    void untilReleasedStartsAndIsRecordedButPrintsNothingBeforeTheRelease() throws Exception {
        FakeCli claude = FakeCli.in(dir)
                .respond(Response.lines("first").untilReleased())
                .then(Response.lines("second"))
                .install();
        Process first = start(claude, "", "one");

        Invocation started = claude.awaitStarted(1, Duration.ofSeconds(10));
        assertThat(started.argv()).containsExactly("one");
        claude.awaitHeld(1, Duration.ofSeconds(10));
        Run second = run(claude, "", "two");

        assertThat(second.stdout()).as("only the held response waits").isEqualTo("second\n");
        assertThat(first.isAlive()).isTrue();
        assertThat(first.getInputStream().available()).isZero();

        claude.release(1);

        assertThat(new String(first.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                .isEqualTo("first\n");
        assertThat(first.waitFor(10, TimeUnit.SECONDS)).isTrue();
        assertThat(first.exitValue()).isZero();
    }

    @Test
    void aCallNeverReleasedGivesUpAfterItsHoldLimit() throws Exception {
        FakeCli claude = FakeCli.in(dir)
                .respond(Response.lines("never printed").untilReleased().holdLimit(Duration.ofMillis(200)))
                .install();

        Run run = run(claude, "");

        assertThat(run.exit()).isEqualTo(124);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isEqualTo("fake claude: call 1 was never released\n");
    }

    @Test
    void onlyAStartedCallCanBeReleased() {
        FakeCli claude =
                FakeCli.in(dir).respond(Response.lines("x").untilReleased()).install();

        assertThatThrownBy(() -> claude.release(1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Call 1 of the fake claude has not started");
        assertThatThrownBy(() -> Response.lines("x").heldAfter(2)).isInstanceOf(IllegalArgumentException.class);
    }

    private record Run(String stdout, String stderr, int exit) {}

    private Process start(FakeCli cli, String stdin, String... args) throws IOException {
        Path in = Files.createTempFile(dir, "stdin", ".txt");
        Files.writeString(in, stdin);
        var command = new java.util.ArrayList<>(List.of(cli.executable().toString()));
        command.addAll(List.of(args));
        var builder = new ProcessBuilder(command).redirectInput(in.toFile());
        builder.environment().put("FAKE_MARKER", "a=b c");
        return builder.start();
    }

    private Run run(FakeCli cli, String stdin, String... args) throws Exception {
        Process process = start(cli, stdin, args);
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(10, TimeUnit.SECONDS)).isTrue();
        return new Run(out, err, process.exitValue());
    }
}
