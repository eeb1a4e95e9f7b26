package dev.ductor.runner.run;

import dev.ductor.bus.ContractJson;
import dev.ductor.config.DuctorHome;
import dev.ductor.runner.process.ProcessTree;
import dev.ductor.state.JsonStateFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CLI process groups of this runner JVM, kept on disk ({@code state/cli-runner/<host>-<pid>.json}),
 * so that a runner starting after another one on the same host was killed (SIGKILL, OOM) ends the CLIs
 * it left behind: their turns were already reported lost by the orchestrator and must not run on unseen.
 * A file is only reaped when the JVM that wrote it is gone (checked by pid and start time), so runners
 * sharing a host and a DUCTOR_HOME never touch each other's turns.
 */
@Component
final class OrphanedRuns {

    private static final Logger log = LoggerFactory.getLogger(OrphanedRuns.class);

    record Owner(long pid, @Nullable Instant startedAt) {}

    record Group(long groupId, @Nullable Instant startedAt) {}

    record Registry(@Nullable Owner owner, Map<String, Group> runs) {}

    private final Path dir;
    private final String host;
    private final JsonStateFile<Registry> file;
    private final Registry mine;

    @Autowired
    OrphanedRuns(DuctorHome home) {
        this(home.stateDir("cli-runner"), hostname(), ProcessHandle.current());
    }

    OrphanedRuns(Path dir, String host, ProcessHandle self) {
        this.dir = dir;
        this.host = host;
        this.mine = new Registry(new Owner(self.pid(), startOf(self)), new LinkedHashMap<>());
        this.file = stateFile(dir.resolve(host + "-" + self.pid() + ".json"));
        reapLeftBehind();
    }

    synchronized void started(String runId, Process process) {
        mine.runs().put(runId, new Group(process.pid(), startOf(process.toHandle())));
        save(runId);
    }

    synchronized void ended(String runId) {
        if (mine.runs().remove(runId) != null) {
            save(runId);
        }
    }

    /**
     * Best effort: the record only helps a later runner after a crash, so a full disk must not cost the turn
     * (its events, its {@code RunFinished}); the next save writes the whole record again.
     */
    private void save(String runId) {
        try {
            file.save(mine);
        } catch (RuntimeException e) {
            log.warn("Cannot record the CLIs of this runner in {} (run {}): {}", file.path(), runId, e.toString());
        }
    }

    /** Ends the CLI groups recorded by runner JVMs of this host that no longer live. */
    private void reapLeftBehind() {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (var files = Files.list(dir)) {
            files.filter(f -> f.getFileName().toString().startsWith(host + "-"))
                    .filter(f -> f.getFileName().toString().endsWith(".json"))
                    .filter(f -> !f.equals(file.path()))
                    .forEach(this::reapIfOwnerIsGone);
        } catch (IOException e) {
            log.warn("Cannot look for CLIs left by an earlier runner in {}: {}", dir, e.getMessage());
        }
    }

    private void reapIfOwnerIsGone(Path path) {
        Registry registry = stateFile(path).load();
        if (registry.owner() != null
                && alive(registry.owner().pid(), registry.owner().startedAt())) {
            return;
        }
        registry.runs().forEach((runId, group) -> {
            if (alive(group.groupId(), group.startedAt())) {
                log.warn(
                        "Ending the CLI of run {} (process group {}) left behind by a runner that died",
                        runId,
                        group.groupId());
                ProcessTree.killGroup(group.groupId());
            }
        });
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            log.warn("Cannot remove {}: {}", path, e.getMessage());
        }
    }

    private static boolean alive(long pid, @Nullable Instant startedAt) {
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        return handle.isPresent()
                && handle.get().isAlive()
                && (startedAt == null || startedAt.equals(startOf(handle.get())));
    }

    private static @Nullable Instant startOf(ProcessHandle handle) {
        return handle.info().startInstant().orElse(null);
    }

    private static JsonStateFile<Registry> stateFile(Path path) {
        JsonMapper mapper = ContractJson.mapper();
        return new JsonStateFile<>(
                path,
                mapper,
                mapper.constructType(Registry.class),
                () -> new Registry(new Owner(-1, null), new LinkedHashMap<>()));
    }

    private static String hostname() {
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return Files.readString(Path.of("/etc/hostname")).strip();
        } catch (IOException e) {
            return "localhost";
        }
    }
}
