package dev.ductor.scheduler.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.ductor.agents.AgentApiTokens;
import dev.ductor.agents.AgentsFile;
import dev.ductor.bus.Topology;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agent's API (behaviour §6.8) on {@code ductor.agent-api.host}:{@code port} (default
 * {@code 127.0.0.1:8799}): {@code GET /health} and {@code POST /tools/<tool>}, a form
 * ({@code application/x-www-form-urlencoded}) with the tool's command line as repeated {@code arg} fields
 * and the turn's {@code chat_id}, {@code topic_id}, {@code transport}. Every request but {@code /health}
 * carries {@code Authorization: Bearer <token>} and {@code X-Ductor-Agent: <agent>} (absent: {@code main});
 * the token must be that agent's ({@link AgentApiTokens}), compared in constant time. A sub-agent's call of a
 * tool that does not serve every agent itself ({@link AgentTool#servesSubAgents()}) goes to that agent's own
 * tools (its cron jobs, webhooks and tasks, behaviour §5.8), which are there while the scheduler runs its
 * context; when it does not ({@code agents.json} has no such entry, it was stopped or is starting) the call is
 * refused with {@code 503} and nothing changes. The body is read up to {@link #MAX_BODY_BYTES}. The answer
 * is the tool's output: {@code 200} when it succeeded, {@code 422} when it refused (the script then exits 1);
 * the API's own refusals are {@code {"error": "…"}} with a 4xx status, or that {@code 503}.
 */
public final class AgentApiServer implements AutoCloseable {

    /** The calling agent's name ({@code DUCTOR_AGENT_NAME}); absent means the main agent. */
    static final String AGENT_HEADER = "X-Ductor-Agent";

    static final int MAX_BODY_BYTES = 64 * 1024;

    private static final Logger log = LoggerFactory.getLogger(AgentApiServer.class);

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final String secret;
    private final Map<String, AgentTool> tools;
    private final SubAgentTools subAgentTools;

    /** A sub-agent's own tools, by name, while the scheduler serves it. */
    @FunctionalInterface
    public interface SubAgentTools {
        Optional<Map<String, AgentTool>> of(String agent);
    }

    /** A server of the main agent's tools only: every sub-agent's call of another tool is refused. */
    public AgentApiServer(String host, int port, String token, Map<String, AgentTool> tools) throws IOException {
        this(host, port, token, tools, agent -> Optional.empty());
    }

    public AgentApiServer(
            String host, int port, String token, Map<String, AgentTool> tools, SubAgentTools subAgentTools)
            throws IOException {
        if (token.isBlank()) {
            throw new IllegalArgumentException("the agent API needs a token (DUCTOR_AGENT_API_TOKEN)");
        }
        this.secret = token;
        this.tools = Map.copyOf(tools);
        this.subAgentTools = subAgentTools;
        this.server = HttpServer.create(new InetSocketAddress(host, port), 64);
        server.createContext("/", this::handle);
        server.setExecutor(executor);
        server.start();
        log.info("Agent API listening on {} ({} tools)", address(), tools.size());
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange exchange) {
        try (exchange) {
            Reply reply = answer(exchange);
            respond(exchange, reply);
        } catch (IOException e) {
            log.debug("Agent API exchange aborted: {}", e.toString());
        } catch (RuntimeException e) {
            log.error("Agent API request failed unexpectedly", e);
            try {
                respond(exchange, Reply.error(500, "the tool failed inside ductor: " + e));
            } catch (IOException | RuntimeException ignored) {
                // the response had started already; the connection closes
            }
        }
    }

    private Reply answer(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        String method = exchange.getRequestMethod();
        if (path.equals("/health")) {
            return method.equals("GET") ? new Reply(200, "{\"status\":\"ok\"}") : Reply.error(405, "use GET");
        }
        String agent = Optional.ofNullable(exchange.getRequestHeaders().getFirst(AGENT_HEADER))
                .map(String::strip)
                .orElse(Topology.MAIN_AGENT);
        if (!AgentsFile.NAME.matcher(agent).matches()) {
            return Reply.error(400, "malformed " + AGENT_HEADER + ": '" + agent + "' is not an agent name");
        }
        if (!authorised(agent, exchange.getRequestHeaders().getFirst("Authorization"))) {
            return Reply.error(
                    401, "unauthorized: send Authorization: Bearer <DUCTOR_AGENT_API_TOKEN> of agent '" + agent + "'");
        }
        if (!path.startsWith("/tools/")) {
            return Reply.error(404, "no such endpoint: " + path + " (POST /tools/<tool>)");
        }
        AgentTool tool = tools.get(path.substring("/tools/".length()));
        if (tool == null) {
            return Reply.error(
                    404,
                    "no such tool: " + path.substring("/tools/".length()) + "; known: "
                            + tools.keySet().stream().sorted().toList());
        }
        if (!method.equals("POST")) {
            return Reply.error(405, "use POST");
        }
        if (!agent.equals(Topology.MAIN_AGENT) && !tool.servesSubAgents()) {
            String name = path.substring("/tools/".length());
            Optional<AgentTool> own = subAgentTools.of(agent).map(byName -> byName.get(name));
            if (own.isEmpty()) {
                return Reply.error(
                        503,
                        "agent '" + agent + "': the scheduler does not serve this agent now (not in agents.json,"
                                + " stopped, or still starting); nothing was changed, try again later");
            }
            tool = own.get();
        }
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase().startsWith("application/x-www-form-urlencoded")) {
            return Reply.error(415, "the body must be application/x-www-form-urlencoded");
        }
        byte[] body = exchange.getRequestBody().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            return Reply.error(413, "the request is larger than " + MAX_BODY_BYTES + " bytes");
        }
        ToolCall call;
        try {
            call = form(new String(body, StandardCharsets.UTF_8), agent);
        } catch (IllegalArgumentException e) {
            return Reply.error(400, "malformed form: " + e.getMessage());
        }
        ToolResult result = tool.run(call);
        return new Reply(result.ok() ? 200 : 422, result.output());
    }

    private boolean authorised(String agent, @Nullable String header) {
        byte[] expected = ("Bearer " + AgentApiTokens.forAgent(secret, agent)).getBytes(StandardCharsets.UTF_8);
        return header != null && MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }

    static ToolCall form(String body, String agent) {
        List<String> args = new ArrayList<>();
        String chatId = "";
        String topicId = "";
        String transport = "";
        for (String pair : body.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            switch (name) {
                case "arg" -> args.add(value);
                case "chat_id" -> chatId = value;
                case "topic_id" -> topicId = value;
                case "transport" -> transport = value;
                default -> throw new IllegalArgumentException("unknown field '" + name + "'");
            }
        }
        return new ToolCall(args, ToolCall.Chat.of(chatId, topicId, transport), agent);
    }

    private static void respond(HttpExchange exchange, Reply reply) throws IOException {
        byte[] bytes = (reply.body() + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        if (reply.status() >= 400) {
            exchange.getResponseHeaders().set("Connection", "close");
        }
        exchange.sendResponseHeaders(reply.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
        InputStream unread = exchange.getRequestBody();
        unread.close();
    }

    private record Reply(int status, String body) {
        static Reply error(int status, String message) {
            return new Reply(status, ToolResult.json(Map.of("error", message)));
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
