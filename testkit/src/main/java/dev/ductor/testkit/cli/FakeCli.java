package dev.ductor.testkit.cli;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fake {@code claude}/{@code codex}/{@code gemini}: an executable bash script, named like the real
 * CLI, that records every invocation (argv one file per argument, stdin, the NUL-separated environment)
 * and replays a scripted {@link Response}: the n-th call plays the n-th response, the last one repeats.
 *
 * <pre>{@code
 * FakeCli claude = FakeCli.in(dir).named("claude")
 *         .respond(Response.sample("claude-hello.stream-json.jsonl").delay(Duration.ofMillis(50)))
 *         .then(Response.lines("{}").exitCode(1))
 *         .install();
 * }</pre>
 *
 * <p>A response can wait for the test to release it, so "while the turn runs" is a state the test holds
 * instead of a time window it races:
 *
 * <pre>{@code
 * FakeCli claude = FakeCli.in(dir).respond(Response.sample("claude-hello.stream-json.jsonl").untilReleased()).install();
 * // … the runner starts the CLI …
 * Invocation call = claude.awaitHeld(1, Duration.ofSeconds(30));
 * // … everything that must happen while the turn runs …
 * claude.release(call);
 * }</pre>
 *
 * <p>The caller must close the fake's stdin (as the real runner does), since it reads stdin to the end.
 */
public final class FakeCli {

    private static final String SAMPLES = "cli-samples/";
    private static final Duration POLL = Duration.ofMillis(50);

    private final Path dir;
    private final String name;
    private final List<Response> responses;

    private FakeCli(Path dir, String name, List<Response> responses) {
        this.dir = dir;
        this.name = name;
        this.responses = responses;
    }

    public static FakeCli in(Path dir) {
        return new FakeCli(dir, "claude", List.of());
    }

    public FakeCli named(String executableName) {
        return new FakeCli(dir, executableName, responses);
    }

    /** The response of the first call (replacing any scripted before). */
    public FakeCli respond(Response response) {
        return new FakeCli(dir, name, List.of(response));
    }

    /** The response of the next call. */
    public FakeCli then(Response response) {
        var next = new ArrayList<>(responses);
        next.add(response);
        return new FakeCli(dir, name, List.copyOf(next));
    }

    /** Writes the script and its responses; a previous install of the same name is replaced. */
    public FakeCli install() {
        if (responses.isEmpty()) {
            throw new IllegalStateException("FakeCli " + name + " has no response scripted");
        }
        try {
            Files.createDirectories(dir);
            Path base = recordDir();
            deleteRecursively(base);
            Files.createDirectories(base.resolve("calls"));
            Files.writeString(base.resolve("next-call"), "1");
            for (int i = 0; i < responses.size(); i++) {
                writeResponse(base.resolve("responses").resolve(Integer.toString(i + 1)), responses.get(i));
            }
            Files.writeString(base.resolve("responses").resolve("count"), Integer.toString(responses.size()));
            Path script = executable();
            Files.writeString(script, script(base));
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install fake " + name + " in " + dir, e);
        }
    }

    /** What the tool command of call {@code number} printed, and its exit status ({@link Response#runsTool}). */
    public ToolRun toolOutput(int number) {
        Path call = recordDir().resolve("calls").resolve(Integer.toString(number));
        return new ToolRun(
                read(call.resolve("tool-output")),
                Integer.parseInt(read(call.resolve("tool-exit")).strip()));
    }

    /** The output and exit status of a tool command the fake ran. */
    public record ToolRun(String output, int exitCode) {}

    public Path executable() {
        return dir.resolve(name);
    }

    public Path directory() {
        return dir;
    }

    /** Where the script keeps its responses and records its calls. */
    public Path recordDir() {
        return dir.resolve(".fake-" + name);
    }

    /** The completely recorded calls so far, in call order. */
    public List<Invocation> invocations() {
        Path calls = recordDir().resolve("calls");
        if (!Files.isDirectory(calls)) {
            return List.of();
        }
        try (Stream<Path> list = Files.list(calls)) {
            return list.filter(call -> Files.exists(call.resolve("recorded")))
                    .sorted(Comparator.comparingInt(
                            call -> Integer.parseInt(call.getFileName().toString())))
                    .map(FakeCli::readInvocation)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The {@code number}-th call (from 1), once it has started and is recorded. */
    public Invocation awaitStarted(int number, Duration timeout) {
        await("call " + number + " of the fake " + name)
                .atMost(timeout)
                .pollInterval(POLL)
                .until(() -> Files.exists(callDir(number).resolve("recorded")));
        return readInvocation(callDir(number));
    }

    /** The {@code number}-th call, once it waits for its {@link #release} (its held lines printed). */
    public Invocation awaitHeld(int number, Duration timeout) {
        await("call " + number + " of the fake " + name + " waiting for its release")
                .atMost(timeout)
                .pollInterval(POLL)
                .until(() -> Files.exists(callDir(number).resolve("held")));
        return readInvocation(callDir(number));
    }

    /** Lets a call whose response is held go on (at once if it has not reached its hold yet). */
    public void release(Invocation call) {
        release(call.number());
    }

    /** Lets the {@code number}-th call go on; the call must have started. */
    public void release(int number) {
        Path call = callDir(number);
        if (!Files.isDirectory(call)) {
            throw new IllegalStateException("Call " + number + " of the fake " + name + " has not started");
        }
        try {
            Files.writeString(call.resolve("released"), "");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path callDir(int number) {
        return recordDir().resolve("calls").resolve(Integer.toString(number));
    }

    /** The lines of a captured real CLI stream shipped with the testkit ({@code cli-samples/<name>}). */
    public static List<String> sample(String name) {
        try (InputStream in = FakeCli.class.getClassLoader().getResourceAsStream(SAMPLES + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No CLI sample " + name + " on the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void writeResponse(Path at, Response response) throws IOException {
        Files.createDirectories(at);
        var stdout = new StringBuilder();
        response.stdoutLines().forEach(line -> stdout.append(line).append('\n'));
        Files.writeString(at.resolve("stdout"), stdout);
        Files.writeString(at.resolve("stderr"), response.stderr());
        Files.writeString(at.resolve("exit"), Integer.toString(response.exitCode()));
        Files.writeString(at.resolve("delay"), seconds(response.delay()));
        Files.writeString(at.resolve("hang"), seconds(response.hang()));
        if (response.withChild()) {
            Files.writeString(at.resolve("child"), "");
        }
        Files.writeString(at.resolve("hold"), Integer.toString(response.holdAfter()));
        // The script checks for the release every 50 ms; it gives up after this many checks.
        Files.writeString(
                at.resolve("hold-checks"),
                Long.toString(Math.max(1, response.holdLimit().toMillis() / 50)));
        for (int i = 0; i < response.toolCommand().size(); i++) {
            Files.createDirectories(at.resolve("tool"));
            Files.writeString(
                    at.resolve("tool").resolve(Integer.toString(i)),
                    response.toolCommand().get(i));
        }
        if (response.signal() != 0) {
            Files.writeString(at.resolve("signal"), Integer.toString(response.signal()));
        }
    }

    private static String seconds(Duration duration) {
        return BigDecimal.valueOf(duration.toMillis(), 3).stripTrailingZeros().toPlainString();
    }

    private String script(Path base) {
        return """
                #!/usr/bin/env bash
                # Fake %1$s written by dev.ductor.testkit.cli.FakeCli.
                base='%2$s'
                # The call's number: the first free one from the hint in next-call. mkdir claims it atomically,
                # so concurrent calls get distinct numbers; the hint only saves probing the taken ones.
                n=1
                read -r n 2>/dev/null < "$base/next-call"
                while ! mkdir "$base/calls/$n" 2>/dev/null; do n=$((n+1)); done
                printf '%%s' $((n+1)) > "$base/next-call.$$" && mv -f "$base/next-call.$$" "$base/next-call"
                call="$base/calls/$n"
                echo $$ > "$call/pid"
                mkdir "$call/args" "$call/files"
                i=0
                prev=""
                for a in "$@"; do
                  printf '%%s' "$a" > "$call/args/$i"; i=$((i+1))
                  case "$prev" in --*-file) if [ -f "$a" ]; then cat "$a" > "$call/files/$prev"; fi ;; esac
                  prev=$a
                done
                env -0 > "$call/env"
                cat > "$call/stdin"
                count=$(cat "$base/responses/count")
                r=$n
                if [ "$r" -gt "$count" ]; then r=$count; fi
                resp="$base/responses/$r"
                if [ -f "$resp/child" ]; then
                  sleep 3600 &
                  echo $! > "$call/child.pid"
                fi
                if [ -d "$resp/tool" ]; then
                  tool=()
                  for i in $(ls "$resp/tool" | sort -n); do tool+=("$(cat "$resp/tool/$i")"); done
                  "${tool[@]}" > "$call/tool-output" 2>&1 < /dev/null
                  echo $? > "$call/tool-exit"
                fi
                hold=$(cat "$resp/hold")
                delay=$(cat "$resp/delay")
                touch "$call/recorded"
                await_release() {
                  touch "$call/held"
                  checks=$(cat "$resp/hold-checks")
                  while [ ! -e "$call/released" ]; do
                    if [ "$checks" -le 0 ]; then
                      echo "fake %1$s: call $n was never released" >&2
                      exit 124
                    fi
                    checks=$((checks-1))
                    sleep 0.05 & wait $!
                  done
                }
                printed=0
                while IFS= read -r line || [ -n "$line" ]; do
                  if [ "$printed" = "$hold" ]; then await_release; fi
                  printf '%%s\\n' "$line"
                  printed=$((printed+1))
                  if [ "$delay" != "0" ]; then sleep "$delay"; fi
                done < "$resp/stdout"
                if [ "$hold" -ge 0 ] && [ ! -e "$call/held" ]; then await_release; fi
                if [ -s "$resp/stderr" ]; then cat "$resp/stderr" >&2; fi
                hang=$(cat "$resp/hang")
                if [ "$hang" != "0" ]; then sleep "$hang" & wait $!; fi
                if [ -f "$resp/signal" ]; then kill -"$(cat "$resp/signal")" $$; fi
                exit "$(cat "$resp/exit")"
                """.formatted(name, base.toAbsolutePath().toString().replace("'", "'\\''"));
    }

    private static Invocation readInvocation(Path call) {
        try {
            Path argsDir = call.resolve("args");
            List<String> argv;
            try (Stream<Path> args = Files.list(argsDir)) {
                argv = args.sorted(Comparator.comparingInt(
                                arg -> Integer.parseInt(arg.getFileName().toString())))
                        .map(FakeCli::read)
                        .toList();
            }
            Map<String, String> env = new LinkedHashMap<>();
            for (String entry : read(call.resolve("env")).split("\0")) {
                int eq = entry.indexOf('=');
                if (eq > 0) {
                    env.put(entry.substring(0, eq), entry.substring(eq + 1));
                }
            }
            Path childPid = call.resolve("child.pid");
            Map<String, String> files = new LinkedHashMap<>();
            try (Stream<Path> named = Files.list(call.resolve("files"))) {
                named.sorted().forEach(file -> files.put(file.getFileName().toString(), read(file)));
            }
            return new Invocation(
                    Integer.parseInt(call.getFileName().toString()),
                    argv,
                    read(call.resolve("stdin")),
                    env,
                    Long.parseLong(read(call.resolve("pid")).strip()),
                    Files.exists(childPid) ? Long.parseLong(read(childPid).strip()) : 0L,
                    files);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
