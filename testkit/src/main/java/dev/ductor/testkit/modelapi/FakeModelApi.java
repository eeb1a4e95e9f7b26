package dev.ductor.testkit.modelapi;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * A fake model API on 127.0.0.1 with an ephemeral port that speaks the three dialects the real CLIs call
 * (see {@link ModelApi}), chosen by the request path. Each model turn takes the next scripted {@link Reply};
 * when the script is used up it answers with the {@linkplain #otherwise fallback} (by default a short text).
 * A turn whose latest prompt holds a text given to {@link #onPrompt} takes that rule's reply first, so turns
 * that run at the same time (a chat's and a background task's) each get their own. Every request is recorded.
 *
 * <pre>{@code
 * try (var api = FakeModelApi.start()) {
 *     api.script(Reply.shell("echo hi"), Reply.text("done"));
 *     // point the CLI at api.baseUrl(), run it, then:
 *     api.awaitRequests(2, Duration.ofSeconds(5));
 * }
 * }</pre>
 *
 * <p>A server that is down: {@link #unusedPortUrl()}, a loopback URL on a port nobody listens on.
 */
public final class FakeModelApi implements AutoCloseable {

    public static final String DEFAULT_TEXT = "Hello from the fake model API.";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<PromptRule> rules = new ArrayList<>();
    private final List<RecordedRequest> requests = new CopyOnWriteArrayList<>();
    private volatile Reply otherwise = Reply.text(DEFAULT_TEXT);

    private FakeModelApi(InetAddress address) throws IOException {
        server = HttpServer.create(new InetSocketAddress(address, 0), 0);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    public static FakeModelApi start() {
        return start(InetAddress.getLoopbackAddress());
    }

    /**
     * Listening on {@code address} instead of loopback: for a CLI in a container, which reaches the host at its
     * bridge's gateway address.
     */
    public static FakeModelApi start(InetAddress address) {
        try {
            return new FakeModelApi(address);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code http://<address>:PORT} ({@code 127.0.0.1} by default), without a trailing slash or API version. */
    public String baseUrl() {
        return "http://" + server.getAddress().getAddress().getHostAddress() + ":"
                + server.getAddress().getPort();
    }

    /** The environment variable that carries the API key codex sends to the fake ({@link #codexConfig}). */
    public static final String CODEX_KEY_ENV = "FAKE_API_KEY";

    /**
     * A {@code $CODEX_HOME/config.toml} that points the real codex at a fake at {@code baseUrl}: codex ignores
     * {@code OPENAI_BASE_URL}, so a custom provider on the Responses API, its key read from {@link #CODEX_KEY_ENV},
     * without retries.
     */
    public static String codexConfig(String baseUrl) {
        return """
                model_provider = "fake"

                [model_providers.fake]
                name = "Fake"
                base_url = "%s/v1"
                env_key = "%s"
                wire_api = "responses"
                request_max_retries = 0
                stream_max_retries = 0
                """.formatted(baseUrl, CODEX_KEY_ENV);
    }

    /** A loopback URL where connections are refused: the "model API is down" case. */
    public static String unusedPortUrl() {
        try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Appends replies for the next model turns, in order. */
    public synchronized FakeModelApi script(Reply... replies) {
        script.addAll(List.of(replies));
        return this;
    }

    /**
     * Replies for the next model requests whose latest prompt (the last user message that is not a tool's
     * result, so every request of one turn) contains {@code inPrompt}, one each, in order, ahead of the
     * script.
     */
    public FakeModelApi onPrompt(String inPrompt, Reply... replies) {
        for (Reply reply : replies) {
            onPrompt(inPrompt, prompt -> reply);
        }
        return this;
    }

    /**
     * A reply made from the prompt (e.g. a tool call naming an id the prompt carries) for the next model request
     * whose latest prompt contains {@code inPrompt}, ahead of the script.
     */
    public synchronized FakeModelApi onPrompt(String inPrompt, Function<String, Reply> reply) {
        rules.add(new PromptRule(inPrompt, reply));
        return this;
    }

    /** The reply once the script is used up, e.g. {@code Reply.unauthorized()} for every request. */
    public FakeModelApi otherwise(Reply reply) {
        this.otherwise = reply;
        return this;
    }

    public List<RecordedRequest> requests() {
        return List.copyOf(requests);
    }

    /** The recorded requests of one dialect (e.g. leaving out gemini's router calls). */
    public List<RecordedRequest> requests(ModelApi api) {
        return requests.stream().filter(r -> r.api() == api).toList();
    }

    /** Waits until at least {@code n} requests arrived; fails with what did arrive otherwise. */
    public List<RecordedRequest> awaitRequests(int n, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (requests.size() < n) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("expected " + n + " model API requests within " + timeout + ", got "
                        + requests.stream()
                                .map(r -> r.method() + " " + r.path())
                                .toList());
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
        }
        return requests();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    private synchronized Reply next(String prompt) {
        for (PromptRule rule : rules) {
            if (prompt.contains(rule.inPrompt())) {
                rules.remove(rule);
                return rule.reply().apply(prompt);
            }
        }
        Reply reply = script.poll();
        return reply != null ? reply : otherwise;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            String path = exchange.getRequestURI().toString();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            ModelApi api = ModelApi.of(method, path);
            boolean scripted = api == ModelApi.ANTHROPIC_MESSAGES
                    || api == ModelApi.OPENAI_RESPONSES
                    || api == ModelApi.GEMINI_STREAM;
            JsonNode request = json(body);
            Reply reply = scripted ? next(LatestPrompt.of(api, request)) : Reply.text("");
            int status = api == ModelApi.UNKNOWN ? 404 : reply.status();
            // Recorded before answering, so a test that saw the CLI finish also sees the request.
            requests.add(new RecordedRequest(api, method, path, headers(exchange), body, status, Instant.now()));
            switch (api) {
                case ANTHROPIC_MESSAGES -> AnthropicMessages.answer(exchange, request, reply);
                case OPENAI_RESPONSES -> OpenAiResponses.answer(exchange, request, reply);
                case GEMINI_STREAM -> GeminiGenerateContent.stream(exchange, geminiModel(path), reply);
                case GEMINI_GENERATE -> GeminiGenerateContent.generate(exchange, geminiModel(path), body);
                case UNKNOWN ->
                    Sse.json(
                            exchange,
                            404,
                            Sse.obj("error", Sse.obj("message", "fake model API: no " + method + " " + path)),
                            Map.of());
            }
        }
    }

    private static JsonNode json(String body) {
        try {
            return Sse.JSON.readTree(body.isBlank() ? "{}" : body);
        } catch (RuntimeException e) {
            return Sse.JSON.createObjectNode();
        }
    }

    /** {@code /v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse} → {@code gemini-2.5-flash}. */
    private static String geminiModel(String path) {
        String afterModels = path.substring(path.indexOf("/models/") + "/models/".length());
        return afterModels.substring(0, Math.max(0, afterModels.indexOf(':')));
    }

    private static Map<String, String> headers(HttpExchange exchange) {
        Map<String, String> headers = new HashMap<>();
        exchange.getRequestHeaders()
                .forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        return Map.copyOf(headers);
    }

    private record PromptRule(String inPrompt, Function<String, Reply> reply) {}
}
