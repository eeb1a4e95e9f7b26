package dev.ductor.scheduler.api;

import dev.ductor.agents.AgentEntry;
import dev.ductor.agents.AgentsFile;
import dev.ductor.agents.AgentsFileException;
import dev.ductor.bus.Topology;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InterAgentAnswer;
import dev.ductor.model.InterAgentAsk;
import dev.ductor.model.Transport;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The inter-agent tools (behaviour §5.8): {@code ask_agent} and {@code ask_agent_async}, callable by every
 * agent ({@link ToolCall#agent()} is the sender). A call is checked here (sender and recipient are the main
 * agent or entries of {@code agents.json}, Telegram and Matrix alike, not the same) and handed to the recipient's
 * orchestrator as an {@link InterAgentAsk} on {@code ductor.inbound} under the recipient's transport code,
 * confirmed by the broker before the tool answers. An
 * asynchronous ask answers its task id at once; a synchronous one waits up to {@link #SYNC_WAIT} for the
 * recipient's {@link InterAgentAnswer} on this scheduler's reply queue ({@link InterAgentReplies}).
 */
final class InterAgentTools {

    private static final Logger log = LoggerFactory.getLogger(InterAgentTools.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    /** How long {@code ask_agent} waits for the answer (ductor: 300 s). */
    static final Duration SYNC_WAIT = Duration.ofSeconds(300);

    static final String ASK_USAGE = "usage: ask_agent.py AGENT \"message\"";
    static final String ASYNC_USAGE = "usage: ask_agent_async.py AGENT \"message\" [--new-session]"
            + " [--summary TEXT] [--reply-to AGENT] [--silent]";

    /** Hands an ask to the recipient's orchestrator: confirmed by the broker, else it throws. */
    @FunctionalInterface
    interface Asking {
        void send(String transport, InterAgentAsk ask);
    }

    private final AgentsFile agents;
    private final Asking asking;
    private final InterAgentReplies replies;
    private final Clock clock;
    private final Duration syncWait;

    InterAgentTools(AgentsFile agents, Asking asking, InterAgentReplies replies, Clock clock, Duration syncWait) {
        this.agents = agents;
        this.asking = asking;
        this.replies = replies;
        this.clock = clock;
        this.syncWait = syncWait;
    }

    Map<String, AgentTool> tools() {
        return Map.of("ask_agent", new ForEveryAgent(this::ask), "ask_agent_async", new ForEveryAgent(this::askAsync));
    }

    ToolResult ask(ToolCall call) {
        return checked(call, ASK_USAGE, Set.of(), Set.of("new-session"), flags -> {
            InterAgentAsk ask = ask(call, flags, false, replies.queue(), syncWait);
            String to = ask.to();
            CompletableFuture<InterAgentAnswer> answer = replies.expect(ask.taskId());
            try {
                Optional<ToolResult> notSent = send(ask);
                if (notSent.isPresent()) {
                    return notSent.get();
                }
                InterAgentAnswer got = answer.get(syncWait.toMillis(), TimeUnit.MILLISECONDS);
                return new ToolResult(
                        got.success(), ToolResult.json(answer(to, got.text(), got.success(), got.error())));
            } catch (TimeoutException e) {
                log.warn(
                        "Inter-agent ask {} from {} to {}: no answer within {}",
                        ask.taskId(),
                        ask.from(),
                        to,
                        syncWait);
                return new ToolResult(
                        false, ToolResult.json(answer(to, "", false, "Timeout after " + syncWait.toSeconds() + "s")));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ToolResult.error("ductor is stopping; the answer of '" + to + "' was not awaited");
            } catch (ExecutionException e) {
                return ToolResult.error(String.valueOf(e.getCause()));
            } finally {
                replies.forget(ask.taskId());
            }
        });
    }

    ToolResult askAsync(ToolCall call) {
        return checked(call, ASYNC_USAGE, Set.of("summary", "reply-to"), Set.of("new-session", "silent"), flags -> {
            InterAgentAsk ask = ask(call, flags, true, null, Duration.ofSeconds(3600));
            return send(ask).orElseGet(() -> ToolResult.success(Map.of("success", true, "task_id", ask.taskId())));
        });
    }

    /**
     * The tool's work on its flags, when they parse, name a message and an agent the caller may ask (and a
     * known {@code --reply-to}); else its usage or refusal, with nothing sent.
     */
    private ToolResult checked(
            ToolCall call, String usage, Set<String> valued, Set<String> switches, Function<Flags, ToolResult> work) {
        Flags flags;
        try {
            flags = Flags.parse(call.args(), valued, switches);
        } catch (IllegalArgumentException e) {
            return ToolResult.usage(usage + "\n" + e.getMessage());
        }
        Optional<ToolResult> malformed = malformed(flags, usage);
        if (malformed.isPresent()) {
            return malformed.get();
        }
        Optional<String> replyTo = flags.text("reply-to");
        Optional<String> refused =
                recipient(call.agent(), flags.positional().getFirst().strip()).or(() -> replyTo.flatMap(this::known));
        return refused.map(InterAgentTools::refusal).orElseGet(() -> work.apply(flags));
    }

    /** The ask of this call, under a new task id; a synchronous one waits on {@code replyQueue} up to {@code wait}. */
    private InterAgentAsk ask(ToolCall call, Flags flags, boolean async, @Nullable String replyQueue, Duration wait) {
        return new InterAgentAsk(
                hex(4),
                call.agent(),
                flags.positional().getFirst().strip(),
                message(flags),
                flags.on("new-session"),
                source(call),
                flags.text("summary").orElse(null),
                flags.text("reply-to").orElse(null),
                flags.on("silent"),
                async,
                replyQueue,
                clock.instant().plus(wait),
                clock.instant());
    }

    private static Optional<ToolResult> malformed(Flags flags, String usage) {
        if (flags.positional().size() < 2
                || flags.positional().getFirst().isBlank()
                || message(flags).isEmpty()) {
            return Optional.of(ToolResult.usage(usage + "\nMissing required parameters: agent, message"));
        }
        return Optional.empty();
    }

    private static String message(Flags flags) {
        List<String> words = flags.positional();
        return String.join(" ", words.subList(1, words.size())).strip();
    }

    /**
     * Why {@code from} may not ask {@code to}, or empty when it may: both must be agents there are, so an
     * agent taken out of {@code agents.json} (its CLI and token may outlive it) asks nobody whose answer
     * would then wait in a queue nobody reads.
     */
    private Optional<String> recipient(String from, String to) {
        if (to.equals(from)) {
            return Optional.of("Agent '" + to + "' is you: an agent cannot ask itself");
        }
        return known(from).or(() -> known(to));
    }

    /** ductor's refusal of a name that is no agent, naming those there are. */
    private Optional<String> known(String name) {
        Map<String, String> available;
        try {
            available = available();
        } catch (AgentsFileException e) {
            return Optional.of("agents.json cannot be read (" + e.getMessage() + "); nothing was sent");
        }
        return available.containsKey(name)
                ? Optional.empty()
                : Optional.of("Agent '" + name + "' not found. Available: " + String.join(", ", available.keySet()));
    }

    /**
     * The agents there are, by name, with the transport code their asks are published under: the main agent
     * ({@code tg}: the code is a label, every code of {@code <transport>.<agent>} reaches the agent's
     * orchestrator) and every sub-agent of {@code agents.json}, Telegram ({@code tg}) and Matrix ({@code mx}).
     */
    private Map<String, String> available() {
        Map<String, String> names = new TreeMap<>();
        names.put(Topology.MAIN_AGENT, Transport.TELEGRAM.code());
        for (AgentEntry entry : agents.entries()) {
            names.put(entry.name(), (entry.telegram() ? Transport.TELEGRAM : Transport.MATRIX).code());
        }
        return names;
    }

    private static ToolResult refusal(String error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("success", false);
        json.put("error", error);
        return ToolResult.failure(json);
    }

    /** Hands the ask over; a refusal of the broker is the tool's error, nothing was sent. */
    private Optional<ToolResult> send(InterAgentAsk ask) {
        try {
            asking.send(available().getOrDefault(ask.to(), Transport.TELEGRAM.code()), ask);
            log.info(
                    "Inter-agent ask {} from {} to {} handed over ({})",
                    ask.taskId(),
                    ask.from(),
                    ask.to(),
                    ask.async() ? "async" : "sync");
            return Optional.empty();
        } catch (RuntimeException e) {
            log.error("Inter-agent ask {} could not be handed over", ask.taskId(), e);
            return Optional.of(refusal(
                    "ductor could not take the message now (" + e.getMessage() + "); nothing was sent, try again"));
        }
    }

    private static Map<String, Object> answer(String sender, String text, boolean success, @Nullable String error) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("sender", sender);
        json.put("text", text);
        json.put("success", success);
        json.put("error", error);
        return json;
    }

    private static @Nullable ChatRef source(ToolCall call) {
        ToolCall.Chat chat = call.chat();
        return chat.chatId() == 0 ? null : new ChatRef(chat.transport(), call.agent(), chat.chatId(), chat.topicId());
    }

    private static String hex(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    /** A tool every agent may call: the sender is whoever calls. */
    private record ForEveryAgent(Function<ToolCall, ToolResult> work) implements AgentTool {
        @Override
        public ToolResult run(ToolCall call) {
            return work.apply(call);
        }

        @Override
        public boolean servesSubAgents() {
            return true;
        }
    }
}
