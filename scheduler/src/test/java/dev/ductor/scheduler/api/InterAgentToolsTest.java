package dev.ductor.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.agents.AgentsFile;
import dev.ductor.bus.ContractJson;
import dev.ductor.bus.ContractMessageConverter;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InterAgentAnswer;
import dev.ductor.model.InterAgentAsk;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.MessageProperties;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The inter-agent tools of the agent API (behaviour §5.8): checked against {@code agents.json} and the caller,
 * handed over as an {@link InterAgentAsk} to the recipient; {@code ask_agent} waits for the answer on the
 * reply queue and prints it.
 */
class InterAgentToolsTest {

    @TempDir
    Path home;

    record Sent(String transport, InterAgentAsk ask) {}

    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final ContractMessageConverter converter = new ContractMessageConverter(ContractJson.mapper());
    private final Clock clock = Clock.fixed(Instant.parse("2026-12-06T10:00:00Z"), ZoneOffset.UTC);
    private InterAgentReplies replies;
    private boolean brokerDown;
    private InterAgentTools tools;

    @BeforeEach
    void setUp() throws Exception {
        Files.writeString(home.resolve("agents.json"), """
                [{"name": "research", "telegram_token": "1:a", "allowed_user_ids": [1]},
                 {"name": "ops", "telegram_token": "2:b"},
                 {"name": "mx", "transport": "matrix", "matrix": {"homeserver": "https://m", "user_id": "@b:m"}}]
                """);
        replies = new InterAgentReplies("scheduler.replies.test", converter);
        tools = new InterAgentTools(
                new AgentsFile(home.resolve("agents.json")),
                (transport, ask) -> {
                    if (brokerDown) {
                        throw new AmqpException("broker down");
                    }
                    sent.add(new Sent(transport, ask));
                },
                replies,
                clock,
                Duration.ofSeconds(2));
    }

    private static ToolCall call(String agent, String... args) {
        return new ToolCall(List.of(args), new ToolCall.Chat(123456789, 7L, "tg"), agent);
    }

    private static JsonNode json(ToolResult result) {
        return JsonMapper.builder().build().readTree(result.output());
    }

    @Test
    void anAsyncAskIsHandedToTheRecipientAndAnswersItsTaskIdAtOnce() {
        ToolResult result = tools.askAsync(
                call("main", "research", "Find the papers", "--summary", "RAG papers", "--new-session", "--silent"));

        assertThat(result.ok()).as(result.output()).isTrue();
        String taskId = json(result).path("task_id").asString();
        assertThat(json(result).path("success").asBoolean()).isTrue();
        assertThat(taskId).matches("[0-9a-f]{8}");
        assertThat(sent).hasSize(1);
        InterAgentAsk ask = sent.getFirst().ask();
        assertThat(ask.taskId()).isEqualTo(taskId);
        assertThat(ask.messageId()).isEqualTo("ia:" + taskId);
        assertThat(ask.from()).isEqualTo("main");
        assertThat(ask.to()).isEqualTo("research");
        assertThat(ask.message()).isEqualTo("Find the papers");
        assertThat(ask.summary()).isEqualTo("RAG papers");
        assertThat(ask.newSession()).isTrue();
        assertThat(ask.silent()).isTrue();
        assertThat(ask.async()).isTrue();
        assertThat(ask.source()).isEqualTo(new ChatRef("tg", "main", 123456789, 7L));
    }

    @Test
    void aSubAgentMayAskTheMainAgentAndNameAReplyTo() {
        assertThat(tools.tools().get("ask_agent_async").servesSubAgents()).isTrue();
        assertThat(tools.tools().get("ask_agent").servesSubAgents()).isTrue();

        ToolResult result = tools.askAsync(call("research", "main", "done with the survey", "--reply-to", "ops"));

        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(sent.getFirst().ask().from()).isEqualTo("research");
        assertThat(sent.getFirst().ask().answeredTo()).isEqualTo("ops");
    }

    @Test
    void anUnknownAgentIsRefusedWithDuctorsListAndNothingIsSent() {
        ToolResult unknown = tools.askAsync(call("main", "nobody", "hello"));
        ToolResult replyTo = tools.askAsync(call("main", "research", "hello", "--reply-to", "ghost"));
        ToolResult self = tools.askAsync(call("research", "research", "hello"));
        ToolResult matrixSelf = tools.ask(call("mx", "mx", "hello"));

        assertThat(unknown.ok()).isFalse();
        assertThat(json(unknown).path("error").asString())
                .isEqualTo("Agent 'nobody' not found. Available: main, mx, ops, research");
        assertThat(json(replyTo).path("error").asString()).startsWith("Agent 'ghost' not found.");
        assertThat(json(self).path("error").asString()).contains("cannot ask itself");
        assertThat(json(matrixSelf).path("error").asString()).contains("cannot ask itself");
        assertThat(sent).isEmpty();
    }

    @Test
    void anAgentNoLongerInAgentsJsonMayNotAskEvenWithAValidToken() {
        ToolResult removed = tools.askAsync(call("gone", "main", "are you there?"));
        ToolResult removedSync = tools.ask(call("gone", "research", "are you there?"));

        assertThat(removed.ok()).isFalse();
        assertThat(json(removed).path("error").asString())
                .isEqualTo("Agent 'gone' not found. Available: main, mx, ops, research");
        assertThat(json(removedSync).path("error").asString()).startsWith("Agent 'gone' not found.");
        assertThat(sent).isEmpty();
    }

    @Test
    void aTransportCodeOfTheEnvironmentThatIsNoneOfOursNamesNoChat() {
        // "mx.x" would make the answer's routing key mx.x.mx, bound to no queue: confirmed and dropped
        ToolCall odd = AgentApiServer.form("arg=research&arg=find+it&chat_id=8812&topic_id=3&transport=mx.x", "mx");
        assertThat(odd.chat()).isEqualTo(new ToolCall.Chat(0, null, "tg"));
        assertThat(AgentApiServer.form("arg=x&chat_id=8812&transport=api", "mx").chat())
                .isEqualTo(new ToolCall.Chat(8812, null, "api"));
        assertThat(AgentApiServer.form("arg=x&chat_id=8812", "mx").chat())
                .isEqualTo(new ToolCall.Chat(8812, null, "tg"));

        ToolResult result = tools.askAsync(odd);

        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(sent.getFirst().ask().source()).isNull();
    }

    @Test
    void aMatrixSubAgentIsARecipientUnderItsTransportAndMayAskInTurn() {
        ToolResult toMatrix = tools.askAsync(call("main", "mx", "hello"));
        ToolResult fromMatrix = tools.askAsync(new ToolCall(
                List.of("research", "find it", "--reply-to", "mx"), new ToolCall.Chat(8812, null, "mx"), "mx"));

        assertThat(toMatrix.ok()).as(toMatrix.output()).isTrue();
        assertThat(fromMatrix.ok()).as(fromMatrix.output()).isTrue();
        assertThat(sent).extracting(Sent::transport).containsExactly("mx", "tg");
        assertThat(sent.get(0).ask().to()).isEqualTo("mx");
        InterAgentAsk asked = sent.get(1).ask();
        assertThat(asked.from()).isEqualTo("mx");
        assertThat(asked.to()).isEqualTo("research");
        assertThat(asked.source()).isEqualTo(new ChatRef("mx", "mx", 8812, null));
    }

    @Test
    void aMissingMessageOrUnknownFlagPrintsTheUsage() {
        assertThat(tools.askAsync(call("main", "research")).output())
                .startsWith(InterAgentTools.ASYNC_USAGE)
                .endsWith("Missing required parameters: agent, message");
        assertThat(tools.ask(call("main", "research", "hi", "--silent")).output())
                .startsWith(InterAgentTools.ASK_USAGE)
                .contains("unrecognized arguments: --silent");
    }

    @Test
    void aSyncAskWaitsForTheAnswerOnTheReplyQueueAndPrintsIt() throws Exception {
        var answering = Thread.ofVirtual().start(() -> {
            while (sent.isEmpty()) {
                Thread.onSpinWait();
            }
            InterAgentAsk ask = sent.getFirst().ask();
            var answer = new InterAgentAnswer(
                    ask.taskId(),
                    "research",
                    "main",
                    "main",
                    ask.message(),
                    ask.source(),
                    false,
                    true,
                    "Lisbon",
                    null,
                    "ia.main.t7.x00000000",
                    null,
                    null,
                    Instant.now());
            replies.onMessage(converter.toMessage(answer, new MessageProperties()));
        });

        ToolResult result = tools.ask(call("main", "research", "What is the capital of Portugal?"));
        answering.join();

        assertThat(result.ok()).as(result.output()).isTrue();
        assertThat(result.output())
                .isEqualTo("{\"sender\":\"research\",\"text\":\"Lisbon\",\"success\":true,\"error\":null}");
        InterAgentAsk ask = sent.getFirst().ask();
        assertThat(ask.async()).isFalse();
        assertThat(ask.replyQueue()).isEqualTo("scheduler.replies.test");
        assertThat(ask.deadline()).isEqualTo(clock.instant().plusSeconds(2));
    }

    @Test
    void aSyncAskWithoutAnAnswerInTimeSaysTimeout() {
        ToolResult result = tools.ask(call("main", "research", "anyone?"));

        assertThat(result.ok()).isFalse();
        assertThat(json(result).path("error").asString()).isEqualTo("Timeout after 2s");
    }

    @Test
    void aBrokerThatRefusesTheAskIsTheToolsError() {
        brokerDown = true;

        ToolResult result = tools.askAsync(call("main", "research", "hello"));

        assertThat(result.ok()).isFalse();
        assertThat(json(result).path("error").asString()).contains("nothing was sent");
    }
}
