package dev.ductor.orchestrator;

import static dev.ductor.orchestrator.OrchestratorHarness.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.model.ChatMembershipChanged;
import dev.ductor.model.ChatRef;
import dev.ductor.model.LeaveChat;
import dev.ductor.model.SendText;
import java.nio.file.Files;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Groups and the service's lifecycle: groups not allowed are rejected, left and recorded, a group taken off the
 * allowlist is left after the reload, and /restart's sentinel. See {@link OrchestratorHarness}.
 */
@ExtendWith(StartedOrchestrator.class)
class GroupsAndLifecycleIT {

    // scenario 3
    @Test
    void aMessageFromAGroupNotAllowedIsDroppedAndShownAsRejectedInWhere() throws Exception {
        ChatRef group = chatRef(-2003);
        sendTo(group, "supergroup", "1", "hello?");
        sendTo(group, "supergroup", "2", "anyone?");

        await().atMost(WAIT)
                .until(() -> chatActivity().path("-2003").path("rejected_count").asInt() == 2);
        assertThat(chatActivity().get("-2003").get("status").asString()).isEqualTo("rejected");
        assertThat(outboundFor(-2003)).isEmpty();
        assertThat(requestsFor(-2003)).isEmpty();

        send(2004, USER, "1", "/where");
        SendText where = awaitOutbound(2004, SendText.class, t -> t.text().startsWith("**Where**"));
        assertThat(where.text()).contains("**Rejected**\n`-2003` — untitled (supergroup) — 2x rejected");
    }

    // scenario 4
    @Test
    void addedToAGroupNotAllowedTheBotSaysSoLeavesAndRecordsAutoLeft() throws Exception {
        ChatRef group = chatRef(-2005);
        bus().toOrchestrator(
                        "tg",
                        "main",
                        new ChatMembershipChanged(group, "group", "Strangers", "member", 999),
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString());

        awaitOutbound(-2005, SendText.class, t -> t.text().equals("This bot is not authorized for this group."));
        awaitOutbound(-2005, LeaveChat.class, l -> true);
        await().atMost(WAIT)
                .until(() ->
                        chatActivity().path("-2005").path("status").asString("").equals("auto_left"));
        assertThat(chatActivity().get("-2005").get("title").asString()).isEqualTo("Strangers");
    }

    // scenario 5
    @Test
    void aGroupRemovedFromTheAllowlistIsLeftAfterTheReload() throws Exception {
        ChatRef group = chatRef(-1016);
        bus().toOrchestrator(
                        "tg",
                        "main",
                        new ChatMembershipChanged(group, "supergroup", "Team", "administrator", USER),
                        UUID.randomUUID().toString(),
                        UUID.randomUUID().toString());
        await().atMost(WAIT)
                .until(() ->
                        chatActivity().path("-1016").path("status").asString("").equals("active"));
        assertThat(outboundFor(-1016)).isEmpty();

        editConfig(json -> json.putArray("allowed_group_ids").add(-1015));

        awaitOutbound(-1016, LeaveChat.class, l -> true);
        await().atMost(WAIT)
                .until(() ->
                        chatActivity().path("-1016").path("status").asString("").equals("auto_left"));
        assertThat(outboundFor(-1016)).noneMatch(SendText.class::isInstance);
    }

    // scenario 78, without ending the test JVM
    @Test
    void restartLeavesASentinelAndExitsAndTheNextStartAnswersIt() throws Exception {
        awaitOutbound(2010, SendText.class, t -> t.text().equals("Restart completed."));
        assertThat(home().resolve("restart-sentinel.json")).doesNotExist();

        send(2011, USER, "1", "/restart");
        awaitOutbound(2011, SendText.class, t -> t.text().startsWith("**Restarting**"));
        await().atMost(WAIT).until(() -> exits().contains(42));
        JsonNode sentinel =
                JsonMapper.builder().build().readTree(Files.readString(home().resolve("restart-sentinel.json")));
        assertThat(sentinel.get("chat_id").asLong()).isEqualTo(2011);
        assertThat(sentinel.get("message").asString()).isEqualTo("Restart completed.");
        Files.delete(home().resolve("restart-sentinel.json"));
    }
}
