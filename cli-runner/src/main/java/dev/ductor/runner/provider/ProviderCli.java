package dev.ductor.runner.provider;

import dev.ductor.config.DuctorConfig;
import dev.ductor.model.RunRequest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The port to one coding-agent CLI: how to call it and how to read what it prints. */
public interface ProviderCli {

    /** The provider name of {@link RunRequest#provider()}, also the executable's name. */
    String name();

    /** What to tell a user whose machine lacks the executable. */
    String installHint();

    /**
     * The full argv, {@code executable} first. It never carries the prompt or the system prompt: an argument
     * is readable by every local user in {@code /proc} and limited to 128 KiB by Linux. Files of the turn
     * ({@link #turnFiles}) are in {@code scratch}.
     */
    List<String> command(Path executable, RunRequest request, Path scratch);

    /** Variables this provider needs on top of the common ones (spec §4.1). */
    Map<String, String> environment(RunRequest request, boolean runningAsRoot);

    /**
     * Variables taken from {@code config.json} (e.g. gemini's {@code gemini_api_key}). They rank below the
     * runner's own environment and above {@code DUCTOR_HOME/.env} (spec §4.1).
     */
    default Map<String, String> configVariables(DuctorConfig config) {
        return Map.of();
    }

    /**
     * Writes what the turn needs as files into {@code scratch} (a folder of this turn only, deleted after
     * it; {@link ScratchFiles}) and returns the variables that point at them, e.g. gemini's {@code
     * GEMINI_SYSTEM_MD}.
     */
    default Map<String, String> turnFiles(RunRequest request, Path scratch) throws IOException {
        return Map.of();
    }

    /**
     * Why this turn must not run at all in the environment {@code env} (the CLI's complete environment):
     * {@code <category>: <text for the user>}; empty to run it.
     */
    default Optional<String> refusal(Map<String, String> env) {
        return Optional.empty();
    }

    /** Whether this machine is logged in to the provider (for {@code RunnerStatus}), judged from files and env. */
    default boolean authenticated(Map<String, String> env) {
        return false;
    }

    /**
     * The prompt as the CLI reads it on stdin, which the runner closes after writing it (an open stdin makes
     * codex wait forever and costs claude 3 s).
     */
    default String stdin(RunRequest request) {
        return request.prompt();
    }

    /** A fresh decoder for one run (decoders may keep state across lines). */
    StreamDecoder decoder();
}
