package dev.ductor.runner.models;

import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.runner.process.ProcessTree;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Codex's models (behaviour §4.3): {@code codex app-server} is started in its own process group, sent the
 * JSON-RPC {@code initialize} and {@code model/list} on stdin (kept open: closing it early ends the server
 * before it answers), and read until the answer to {@code model/list} arrives or the deadline passes. The whole
 * group is ended afterwards, whatever happened, so no server is left behind. With the Docker sandbox it runs
 * in the container through {@code docker exec}, as a turn does, so the list is the sandbox's codex's.
 */
final class CodexAppServer implements ModelLister {

    static final String REQUESTS = """
            {"jsonrpc":"2.0","method":"initialize","id":1,"params":{"clientInfo":{"name":"ductor","version":"1.0"}}}
            {"jsonrpc":"2.0","method":"model/list","id":2,"params":{}}
            """;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** ductor's fallback when a model names no efforts. */
    private static final List<String> FALLBACK_EFFORTS = List.of("medium");

    private final Duration deadline;
    private final Supplier<Path> workingDirectory;

    CodexAppServer(Duration deadline, Supplier<Path> workingDirectory) {
        this.deadline = deadline;
        this.workingDirectory = workingDirectory;
    }

    @Override
    public String provider() {
        return "codex";
    }

    @Override
    public List<ModelInfo> list(Path executable, Map<String, String> env, Placement placement) throws IOException {
        Path cwd = workingDirectory.get();
        var placed = placement.place(List.of(executable.toString(), "app-server"), cwd, env, true);
        var builder = new ProcessBuilder(ProcessTree.inOwnGroup(placed.argv()))
                .directory(cwd.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD);
        builder.environment().clear();
        builder.environment().putAll(placed.env());
        Process process = builder.start();
        try {
            CompletableFuture<JsonNode> answer = CompletableFuture.supplyAsync(
                    () -> readAnswer(process), runnable -> Thread.ofVirtual().start(runnable));
            OutputStream stdin = process.getOutputStream();
            stdin.write(REQUESTS.getBytes(StandardCharsets.UTF_8));
            stdin.flush();
            JsonNode result = answer.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
            return parse(result);
        } catch (TimeoutException e) {
            throw new IOException("codex app-server did not answer model/list within " + deadline.toSeconds() + " s");
        } catch (ExecutionException e) {
            throw new IOException("codex app-server: " + e.getCause().getMessage(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while asking codex app-server");
        } finally {
            ProcessTree.terminate(process);
            ProcessTree.killLeftovers(process.pid());
        }
    }

    /** The {@code result} of the response with id 2; fails when the server closes stdout first or answers an error. */
    private static JsonNode readAnswer(Process process) {
        try (var reader = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                JsonNode message;
                try {
                    message = JSON.readTree(line);
                } catch (RuntimeException notJson) {
                    continue;
                }
                if (message.path("id").asInt(-1) != 2) {
                    continue;
                }
                if (message.has("error")) {
                    throw new IllegalStateException("model/list failed: "
                            + message.path("error").path("message").asString("(no message)"));
                }
                return message.path("result");
            }
            throw new IllegalStateException("the server ended without answering model/list");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** ductor's reading of one {@code model/list} result. */
    static List<ModelInfo> parse(JsonNode result) {
        List<ModelInfo> models = new ArrayList<>();
        for (JsonNode entry : result.path("data")) {
            if (!entry.isObject() || entry.path("id").asString("").isBlank()) {
                continue;
            }
            List<String> efforts = new ArrayList<>();
            for (JsonNode effort : entry.path("supportedReasoningEfforts")) {
                String name = effort.path("reasoningEffort").asString("");
                if (!name.isBlank()) {
                    efforts.add(name);
                }
            }
            models.add(new ModelInfo(
                    entry.path("id").asString(),
                    entry.path("displayName").asString(""),
                    entry.path("description").asString(""),
                    efforts.isEmpty() ? FALLBACK_EFFORTS : List.copyOf(efforts),
                    entry.path("defaultReasoningEffort").asString("medium"),
                    entry.path("isDefault").asBoolean(false)));
        }
        return List.copyOf(models);
    }
}
