package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.bus.Topology;
import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.BotMessage;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Messages between agents (behaviour §5.8, scenario 59, #86) through the real services: the main agent's CLI
 * runs {@code ask_agent_async.py research "…"}; the sub-agent's chat is told "Async task received", its CLI
 * answers in its {@code ia.…} session, and the answer is injected into the main agent's session, whose answer
 * reaches the main chat; {@code --silent} tells the sub-agent's chat nothing; {@code ask_agent.py} waits for
 * and prints the answer; an unknown agent is refused with the list of those there are; and an asynchronous
 * ask in flight while the orchestrator is killed with SIGKILL ends with the user told once, nothing run twice;
 * {@code /stop} in the recipient's chat cancels an ask it is running and the sender is told (behaviour §2.7).
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InterAgentIT {

    static final String RESEARCH_TOKEN = "765432:research-bot-token";

    /**
     * The fake CLI's tool call: the main agent runs the command the test left in its {@code ask} file (once);
     * the research agent's run waits while a {@code hold} file exists, until {@code go} appears.
     */
    private static final String SCRIPT = """
            [ -n "$DUCTOR_CHAT_ID" ] || exit 0
            d=.ia-it; mkdir -p "$d"
            if [ "$DUCTOR_AGENT_NAME" = main ] && [ -f "$d/ask" ]; then
              mv "$d/ask" "$d/asking"; exec sh "$d/asking"
            fi
            if [ "$DUCTOR_AGENT_NAME" = research ]; then
              touch "$d/started"
              i=0; while [ -e "$d/hold" ] && [ ! -e "$d/go" ] && [ $i -lt 1200 ]; do sleep 0.1; i=$((i+1)); done
            fi
            exit 0
            """;

    private final DuctorStack stack;
    private final FakeTelegram researchBot = FakeTelegram.start(RESEARCH_TOKEN, "research_bot");
    private FakeCli claude;
    private AgentAsks asks;

    InterAgentIT(DuctorStack stack) {
        this.stack = stack;
        Topology research = new Topology(stack.namespace(), "research");
        stack.deleteOnClose(
                research.orchestratorInboundQueue(),
                research.orchestratorRunEventsQueue(),
                research.gatewayOutboundQueue("tg", "research"));
    }

    @BeforeStackStart
    void addResearchAgent() throws IOException {
        claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl").runsTool("sh", "-c", SCRIPT))
                .install();
        asks = new AgentAsks(claude);
        Files.writeString(stack.home().resolve("agents.json"), """
                [{"name": "research", "transport": "telegram", "telegram_token": "%s",
                  "telegram_api_url": "%s", "allowed_user_ids": [%d]}]
                """.formatted(
                        RESEARCH_TOKEN, researchBot.baseUrl(), DuctorStack.ALICE));
    }

    @AfterAll
    void closeBot() {
        researchBot.close();
    }

    private Path mainMarks() {
        return stack.home().resolve("workspace").resolve(AgentAsks.MARKS);
    }

    private Path researchMarks() {
        return stack.home().resolve("agents/research/workspace").resolve(AgentAsks.MARKS);
    }

    /** The main agent's turn in Alice's chat runs {@code command} as its tool call; its call, once it ran. */
    private Invocation mainRuns(String command, String userText) throws Exception {
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(stack.home().resolve("workspace/tools/agent_tools/ask_agent_async.py"))
                        && Files.exists(
                                stack.home().resolve("agents/research/workspace/tools/agent_tools/ask_agent.py")));
        return asks.runs(
                mainMarks(),
                command,
                userText,
                () -> stack.telegram().sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, userText));
    }

    @Test
    @Order(1)
    void scenario59_anAsyncAskIsAnnouncedToTheRecipientAndItsAnswerInjectedIntoTheSender() throws Exception {
        Invocation turn = mainRuns(
                "sh tools/agent_tools/ask_agent_async.py research \"Find the three most cited RAG papers\""
                        + " --summary \"RAG papers\"",
                "ask research about papers");
        FakeCli.ToolRun asked = claude.toolOutput(turn.number());
        assertThat(asked.exitCode()).as(asked.output()).isZero();
        JsonNode out = JsonMapper.builder().build().readTree(asked.output());
        assertThat(out.path("success").asBoolean()).isTrue();
        String id = out.path("task_id").asString();
        assertThat(id).matches("[0-9a-f]{8}");

        BotMessage received = awaitMessage(researchBot, m -> m.text().startsWith("📥 Async task received"));
        assertThat(received.text())
                .startsWith("📥 Async task received from main\nSession: ia.main.t0.x")
                .contains("· Task ID: " + id)
                .endsWith("\n\nRAG papers");

        Invocation answered = asks.awaitCall(call -> call.stdin().contains("(task " + id + ")]"));
        assertThat(answered.env()).containsEntry("DUCTOR_AGENT_NAME", "main");
        assertThat(answered.stdin())
                .contains("[ASYNC INTER-AGENT RESPONSE from 'research' (task " + id + ")]\n" + PrivateChatIT.ANSWER)
                .contains("Original task you sent to 'research':\nFind the three most cited RAG papers")
                .contains("You are agent 'main'.");
        Invocation research = asks.calls(call -> call.stdin().contains("Find the three most cited RAG papers")
                        && "research".equals(call.env().get("DUCTOR_AGENT_NAME")))
                .getFirst();
        assertThat(research.stdin()).contains("[INTER-AGENT MESSAGE from 'main']");
        assertThat(research.env())
                .containsEntry(
                        "DUCTOR_HOME", stack.home().resolve("agents/research").toString());
        // the main chat: the turn's answer, then the answer to the injection
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(botMessages(stack.telegram(), DuctorStack.ALICE))
                        .filteredOn(m -> m.text().equals(PrivateChatIT.ANSWER))
                        .hasSize(2));
        assertThat(stack.home().resolve("agents/research/named_sessions.json"))
                .content()
                .contains("\"ia.main.t0.x");
    }

    @Test
    @Order(2)
    void withSilentTheRecipientsChatIsNotTold() throws Exception {
        int notices = notices();
        Invocation turn = mainRuns(
                "sh tools/agent_tools/ask_agent_async.py research \"Quietly count the open issues\" --silent",
                "ask research quietly");
        String id = asks.taskId(turn);
        asks.awaitCall(call -> call.stdin().contains("[ASYNC INTER-AGENT RESPONSE from 'research' (task " + id + ")]"));
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> notices() == notices);
    }

    @Test
    @Order(3)
    void aSyncAskPrintsTheAnswer() throws Exception {
        Invocation turn = mainRuns(
                "sh tools/agent_tools/ask_agent.py research \"What is the capital of Portugal?\"", "ask research now");
        FakeCli.ToolRun run = claude.toolOutput(turn.number());
        assertThat(run.exitCode()).as(run.output()).isZero();
        JsonNode out = JsonMapper.builder().build().readTree(run.output());
        assertThat(out.path("sender").asString()).isEqualTo("research");
        assertThat(out.path("success").asBoolean()).isTrue();
        assertThat(out.path("text").asString()).isEqualTo(PrivateChatIT.ANSWER);
        assertThat(asks.calls(call -> call.stdin().contains("What is the capital of Portugal?")
                        && "research".equals(call.env().get("DUCTOR_AGENT_NAME"))))
                .hasSize(1);
    }

    @Test
    @Order(4)
    void anUnknownAgentIsRefusedWithTheAgentsThereAre() throws Exception {
        Invocation turn =
                mainRuns("sh tools/agent_tools/ask_agent_async.py nobody \"hello\"", "ask somebody who is not there");
        FakeCli.ToolRun run = claude.toolOutput(turn.number());
        assertThat(run.exitCode()).isEqualTo(1);
        // the answer's line (curl adds its own line about the 422 on stderr)
        assertThat(run.output().lines())
                .contains("{\"success\":false,\"error\":\"Agent 'nobody' not found. Available: main, research\"}");
    }

    @Test
    @Order(5)
    void orchestratorKilledWhileAnAsyncAskRuns_theUserIsToldOnceAndNothingRunsTwice() throws Exception {
        Files.createDirectories(researchMarks());
        Files.deleteIfExists(researchMarks().resolve("started"));
        Files.writeString(researchMarks().resolve("hold"), "");
        // the earlier tests' last answers (an injection's comes after its test) are all in before counting
        var seen = new java.util.concurrent.atomic.AtomicInteger(-1);
        await("the main chat quiet")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .during(Duration.ofSeconds(3))
                .until(() -> seen.getAndSet(answers()) == answers());
        int answers = answers();
        Invocation turn = mainRuns(
                "sh tools/agent_tools/ask_agent_async.py research \"Survey the vector databases\"",
                "ask research to survey");
        String id = asks.taskId(turn);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(researchMarks().resolve("started")));
        await("the main turn's own answer").atMost(Duration.ofSeconds(40)).until(() -> answers() == answers + 1);

        stack.service("orchestrator").kill();
        stack.restart("orchestrator");
        Files.writeString(researchMarks().resolve("go"), "");

        String injected = "[ASYNC INTER-AGENT RESPONSE from 'research' (task " + id + ")]";
        asks.awaitCall(call -> call.stdin().contains(injected));
        await().atMost(Duration.ofSeconds(40))
                .untilAsserted(() -> assertThat(botMessages(stack.telegram(), DuctorStack.ALICE))
                        .extracting(BotMessage::text)
                        .filteredOn(PrivateChatIT.ANSWER::equals)
                        .hasSize(answers + 2));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(6)).untilAsserted(() -> {
            assertThat(asks.calls(call -> call.stdin().contains("Survey the vector databases")
                            && "research".equals(call.env().get("DUCTOR_AGENT_NAME"))))
                    .hasSize(1);
            assertThat(asks.calls(call -> call.stdin().contains(injected))).hasSize(1);
            assertThat(answers()).isEqualTo(answers + 2);
        });
        assertThat(botMessages(researchBot, DuctorStack.ALICE))
                .filteredOn(m -> m.text().contains("Task ID: " + id))
                .hasSize(1);
    }

    @Test
    @Order(6)
    void stopInTheRecipientsChatCancelsARunningAskAndTheSenderIsTold() throws Exception {
        Files.createDirectories(researchMarks());
        Files.deleteIfExists(researchMarks().resolve("started"));
        Files.deleteIfExists(researchMarks().resolve("go"));
        Files.writeString(researchMarks().resolve("hold"), "");
        Invocation turn = mainRuns(
                "sh tools/agent_tools/ask_agent_async.py research \"Benchmark every embedding model\"",
                "ask research to benchmark");
        String id = asks.taskId(turn);
        await().atMost(Duration.ofSeconds(60))
                .until(() -> Files.exists(researchMarks().resolve("started")));

        researchBot.sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "/stop");

        BotMessage stopped = awaitMessage(researchBot, m -> m.text().contains("terminated"));
        assertThat(stopped.text()).startsWith("Agent Stopped");
        BotMessage failed = awaitMessage(stack.telegram(), m -> m.text().startsWith("Inter-Agent Request Failed"));
        assertThat(failed.text())
                .contains("Agent: research")
                .contains("Error: Cancelled")
                .contains("Benchmark every embedding model");
        assertThat(asks.calls(call -> call.stdin().contains("(task " + id + ")]")))
                .isEmpty();
        Files.delete(researchMarks().resolve("hold"));
    }

    private int notices() {
        return (int) botMessages(researchBot, DuctorStack.ALICE).stream()
                .filter(m -> m.text().startsWith("📥 Async task received"))
                .count();
    }

    private int answers() {
        return (int) botMessages(stack.telegram(), DuctorStack.ALICE).stream()
                .filter(m -> m.text().equals(PrivateChatIT.ANSWER))
                .count();
    }

    private static BotMessage awaitMessage(FakeTelegram telegram, Predicate<BotMessage> wanted) {
        return await().atMost(Duration.ofSeconds(90))
                .until(
                        () -> botMessages(telegram, DuctorStack.ALICE).stream()
                                .filter(wanted)
                                .findFirst(),
                        Optional::isPresent)
                .orElseThrow();
    }
}
