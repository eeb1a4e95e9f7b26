package dev.ductor.systemtests;

import static dev.ductor.systemtests.SubAgentsIT.reply;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import dev.ductor.testkit.cli.Response;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Sub-agents (behaviour §5.8) on compose's broker (docs/design.md, "Sub-agents" and "Trust boundaries"): each
 * service logs in as its own broker user of {@code deploy/rabbitmq/definitions.template.json}, which name the
 * main agent's queues only, and declares no shared topology. A bot added to {@code agents.json} while
 * everything runs answers in its own chat all the same: the orchestrator's context of that agent declares the
 * agent's queues (its user may, for agent-scoped names only), the gateway's context waits for them.
 */
@DuctorSystemTest
class SubAgentsUnderComposeIT {

    private final DuctorStack stack;
    private final FakeTelegram helperBot = FakeTelegram.start(SubAgentsIT.HELPER_TOKEN, "helper_bot");

    SubAgentsUnderComposeIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void onComposesBroker() {
        stack.withComposeBroker();
    }

    @AfterAll
    void closeBot() {
        helperBot.close();
    }

    @Test
    void aBotAddedToAgentsJsonAnswersInItsOwnChatWithTheServicesOwnBrokerUsers() throws Exception {
        FakeCli claude = stack.claude()
                .respond(Response.sample("claude-hello.stream-json.jsonl"))
                .then(Response.sample("claude-hello.stream-json.jsonl"))
                .install();
        Files.writeString(stack.home().resolve("agents.json"), """
                [{"name": "helper", "transport": "telegram", "telegram_token": "%s",
                  "telegram_api_url": "%s", "allowed_user_ids": [%d]}]
                """.formatted(
                        SubAgentsIT.HELPER_TOKEN, helperBot.baseUrl(), DuctorStack.ALICE));

        long chat = DuctorStack.ALICE;
        helperBot.awaitRequests("getUpdates", 2, Duration.ofSeconds(90));
        int asked = helperBot.sendUserMessage(chat, chat, "hello there");
        assertThat(await("the helper bot's answer")
                        .atMost(Duration.ofSeconds(40))
                        .until(() -> reply(helperBot, chat, asked), Optional::isPresent)
                        .orElseThrow()
                        .text())
                .isEqualTo(PrivateChatIT.ANSWER);
        Invocation run = claude.invocations().stream()
                .filter(call -> call.stdin().contains("hello there"))
                .findFirst()
                .orElseThrow();
        assertThat(run.env()).containsEntry("DUCTOR_AGENT_NAME", "helper");
        // the queues the orchestrator's context declared: the agent's own, besides the definitions' ones
        assertThat(stack.composeQueues())
                .contains(
                        "orchestrator.helper.inbound",
                        "orchestrator.helper.inbound.dlq",
                        "orchestrator.helper.run-events",
                        "orchestrator.helper.run-events.dlq",
                        "gateway.tg.helper.outbound",
                        "gateway.tg.helper.outbound.dlq",
                        "orchestrator.inbound",
                        "gateway.tg.main.outbound");

        // the main bot answers in its own chat as before
        int main = stack.telegram().sendUserMessage(chat, chat, "hello there");
        assertThat(await("the main bot's answer")
                        .atMost(Duration.ofSeconds(40))
                        .until(() -> reply(stack.telegram(), chat, main), Optional::isPresent)
                        .orElseThrow()
                        .text())
                .isEqualTo(PrivateChatIT.ANSWER);
    }
}
