package dev.ductor.cli;

import dev.ductor.config.DuctorHome;
import java.io.BufferedReader;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * A scripted terminal session of the {@code ductor} command: stdin lines fed in advance, stdout and stderr
 * captured, external programs recorded (and answered by {@link #answer}), everything under a temp folder.
 */
public final class Session {

    public final Path root;
    public final Map<String, String> env = new HashMap<>();
    public final List<List<String>> commands = new ArrayList<>();
    private Function<List<String>, ProcessRunner.Result> answer = command -> new ProcessRunner.Result(0, "");
    private String osName = "Linux";
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    public Session(Path root) {
        this.root = root;
        env.put("PATH", root.resolve("no-bin").toString());
        env.put("USER", "alice");
        env.put("DUCTOR_BUS_NAMESPACE", dev.ductor.testkit.broker.TestBroker.newNamespace());
        // Nothing of the real machine's ductor answers on these ports.
        env.put("DUCTOR_GATEWAY_TELEGRAM_PORT", "1");
        env.put("DUCTOR_ORCHESTRATOR_PORT", "1");
        env.put("DUCTOR_CLI_RUNNER_PORT", "1");
        env.put("DUCTOR_SCHEDULER_PORT", "1");
    }

    public Session os(String name) {
        this.osName = name;
        return this;
    }

    /** How the recorded programs answer (default: exit 0, no output). */
    public Session answer(Function<List<String>, ProcessRunner.Result> answer) {
        this.answer = answer;
        return this;
    }

    public Path home() {
        return root.resolve("ductor-home");
    }

    public Path userHome() {
        return root.resolve("user-home");
    }

    public Path repo() {
        return root.resolve("repo");
    }

    public Context context(String... stdinLines) {
        String input = stdinLines.length == 0 ? "" : String.join("\n", stdinLines) + "\n";
        ProcessRunner recording = new ProcessRunner() {
            @Override
            public Result run(List<String> command) {
                commands.add(command);
                return answer.apply(command);
            }

            @Override
            public int runAttached(List<String> command) {
                commands.add(command);
                return answer.apply(command).exitCode();
            }
        };
        var console = new Console(
                new BufferedReader(new StringReader(input)), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Context(
                Map.copyOf(env),
                new DuctorHome(home()),
                repo(),
                console,
                recording,
                osName,
                userHome().toString());
    }

    /** Runs {@code ductor args…} with the given stdin lines; the exit code. */
    public int run(List<String> stdinLines, String... args) {
        return DuctorCommand.commandLine(context(stdinLines.toArray(String[]::new)))
                .execute(args);
    }

    public int run(String... args) {
        return run(List.of(), args);
    }

    public String out() {
        return out.toString();
    }

    public String err() {
        return err.toString();
    }
}
