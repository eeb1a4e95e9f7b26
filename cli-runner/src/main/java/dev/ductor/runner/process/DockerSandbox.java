package dev.ductor.runner.process;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker sandbox (behaviour §8.6): with {@code docker.enabled}, each turn runs through {@code docker exec}
 * in the long-lived container {@code docker.container_name} (image {@code docker.image_name}), which has
 * {@code DUCTOR_HOME} at {@code /ductor}, the CLIs' login folders under {@code /home/node}, and every
 * {@code docker.mounts} entry at {@code /mnt/<name>}. Before each turn the container is checked and
 * (re)started when it is not running. Whatever fails (no {@code docker}, no daemon, no image, the run
 * refused) gives one warning and the turn runs on the host: the sandbox is never fatal.
 *
 * <p>Each sandboxed process carries {@code DUCTOR_RUN_ID}; stopping a run signals every process in the
 * container with that marker, since killing the host's {@code docker exec} client leaves them running.
 */
public final class DockerSandbox {

    private static final Logger log = LoggerFactory.getLogger(DockerSandbox.class);

    /** Where {@code DUCTOR_HOME} is inside the container. */
    public static final String CONTAINER_HOME = "/ductor";

    private static final String CONTAINER_USER_HOME = "/home/node";
    private static final List<String> LOGIN_PATHS = List.of(".claude", ".codex", ".gemini", ".claude.json");

    private final ExecutableLocator locator;
    private final DuctorHome home;
    private final ConfigStore configs;
    private final Path userHome;
    private final @Nullable String user;
    private final AtomicReference<String> lastWarning = new AtomicReference<>("");

    public DockerSandbox(
            ExecutableLocator locator, DuctorHome home, ConfigStore configs, Path userHome, @Nullable String user) {
        this.locator = locator;
        this.home = home;
        this.configs = configs;
        this.userHome = userHome;
        this.user = user;
    }

    /** The running sandbox container for the next turn, or empty to run it on the host. */
    public Optional<Container> container() {
        DuctorConfig.Docker docker = configs.current().docker();
        if (!docker.enabled()) {
            return Optional.empty();
        }
        Optional<Path> executable = locator.find("docker");
        if (executable.isEmpty()) {
            return warn("docker.enabled is set but `docker` is not installed");
        }
        String client = executable.get().toString();
        String name = docker.containerName();
        Result state = run(List.of(client, "inspect", "-f", "{{.State.Running}}", name), 10);
        if (state.code() == 0 && state.out().strip().equals("true")) {
            return found(new Container(client, name));
        }
        Result info = run(List.of(client, "info"), 15);
        if (info.code() != 0) {
            return warn("Docker is not running (`docker info` failed: " + firstLine(info.out()) + ")");
        }
        if (run(List.of(client, "image", "inspect", docker.imageName()), 15).code() != 0) {
            return warn("the sandbox image `" + docker.imageName()
                    + "` does not exist; build it (see cli-runner/sandbox/README.md)");
        }
        run(List.of(client, "rm", "-f", name), 30);
        Result started = run(runCommand(client, docker), 60);
        if (started.code() != 0) {
            return warn("cannot start the sandbox container: " + firstLine(started.out()));
        }
        log.info("Sandbox container {} started from {}", name, docker.imageName());
        return found(new Container(client, name));
    }

    /** {@code docker run -d …}: the long-lived container the turns are executed in. */
    List<String> runCommand(String client, DuctorConfig.Docker docker) {
        List<String> argv = new ArrayList<>(List.of(client, "run", "-d", "--name", docker.containerName()));
        argv.addAll(List.of("-w", CONTAINER_HOME + "/workspace"));
        argv.addAll(List.of("-v", home.root().toAbsolutePath() + ":" + CONTAINER_HOME));
        argv.addAll(List.of("-e", "DUCTOR_HOME=" + CONTAINER_HOME));
        if (user != null) {
            argv.addAll(List.of("--user", user));
        }
        for (String login : LOGIN_PATHS) {
            Path path = userHome.resolve(login);
            if (Files.exists(path)) {
                argv.addAll(List.of("-v", path + ":" + CONTAINER_USER_HOME + "/" + login));
            }
        }
        for (String mount : docker.mounts()) {
            Path path = Path.of(mount.replaceFirst("^~(?=/|$)", userHome.toString()))
                    .toAbsolutePath()
                    .normalize();
            if (!Files.exists(path)) {
                log.warn("Sandbox mount {} does not exist; skipped", path);
                continue;
            }
            argv.addAll(List.of("-v", path + ":/mnt/" + path.getFileName()));
        }
        argv.addAll(List.of(docker.imageName(), "sleep", "infinity"));
        return argv;
    }

    /** A host path under {@code DUCTOR_HOME} as the container sees it; other values unchanged. */
    public String translate(String value) {
        String root = home.root().toAbsolutePath().toString();
        if (value.equals(root)) {
            return CONTAINER_HOME;
        }
        return value.startsWith(root + "/") ? CONTAINER_HOME + value.substring(root.length()) : value;
    }

    /**
     * The command and environment that run {@code argv} in {@code container} as a turn runs there: {@code docker
     * exec} in {@code cwd} (as the container sees it), with the variables of {@code env} that differ from the
     * runner's own {@code base} translated to container paths and passed by name only (their values stay in
     * the client's environment). {@code stdin}: the process reads its standard input.
     */
    public Placed place(
            Container container,
            List<String> argv,
            Path cwd,
            Map<String, String> env,
            Map<String, String> base,
            boolean stdin) {
        Map<String, String> all = new java.util.HashMap<>(env);
        Map<String, String> own = new java.util.HashMap<>();
        env.forEach((name, value) -> {
            if (!value.equals(base.get(name))) {
                own.put(name, translate(value));
            }
        });
        all.putAll(own);
        return new Placed(container.exec(argv, translate(cwd.toString()), names(own), stdin), all);
    }

    /** A process's command line and environment, as handed to the host's {@code ProcessBuilder}. */
    public record Placed(List<String> argv, Map<String, String> env) {

        public Placed {
            argv = List.copyOf(argv);
            env = Map.copyOf(env);
        }
    }

    private Optional<Container> found(Container container) {
        lastWarning.set("");
        return Optional.of(container);
    }

    private Optional<Container> warn(String why) {
        if (!why.equals(lastWarning.getAndSet(why))) {
            log.warn("Docker sandbox unavailable, running the CLIs on the host: {}", why);
        }
        return Optional.empty();
    }

    /** A running sandbox container. */
    public record Container(String client, String name) {

        /**
         * {@code docker exec [-i] -w <cwd> -e NAME… <container> <argv…>}, {@code -i} when the CLI reads its
         * prompt from stdin. Only names are on the command line (the values come from the client's
         * environment, so secrets do not show in {@code ps}).
         */
        public List<String> exec(List<String> argv, String workdir, Iterable<String> variables, boolean stdin) {
            List<String> command = new ArrayList<>(List.of(client, "exec"));
            if (stdin) {
                command.add("-i");
            }
            command.addAll(List.of("-w", workdir));
            for (String variable : variables) {
                command.addAll(List.of("-e", variable));
            }
            command.add(name);
            command.addAll(argv);
            return command;
        }

        /** Sends {@code signal} to every process of the run inside the container (best effort). */
        public void signal(String runId, String signal) {
            String script = "for p in /proc/[0-9]*; do grep -qzx 'DUCTOR_RUN_ID=" + runId.replace("'", "")
                    + "' \"$p/environ\" 2>/dev/null && kill -s " + signal + " \"${p#/proc/}\" 2>/dev/null; done;"
                    + " true";
            run(List.of(client, "exec", name, "sh", "-c", script), 10);
        }
    }

    private record Result(int code, String out) {}

    private static Result run(List<String> command, int timeoutSeconds) {
        try {
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            var out = new java.io.ByteArrayOutputStream();
            Thread reader = Thread.ofPlatform().daemon().start(() -> {
                try (var in = process.getInputStream()) {
                    in.transferTo(out);
                } catch (IOException e) {
                    log.debug("docker output: {}", e.getMessage());
                }
            });
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "timed out");
            }
            reader.join(1000);
            synchronized (out) {
                return new Result(process.exitValue(), out.toString(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            return new Result(-1, e.getMessage() == null ? e.toString() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(-1, "interrupted");
        }
    }

    private static String firstLine(String text) {
        return text.strip().lines().findFirst().orElse("no output");
    }

    /** Sorted names, for a stable command line. */
    public static List<String> names(Map<String, String> variables) {
        return List.copyOf(new TreeMap<>(variables).keySet());
    }
}
