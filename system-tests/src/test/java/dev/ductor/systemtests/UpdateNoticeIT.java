package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.matrix.FakeHomeserver;
import dev.ductor.testkit.releases.FakeReleases;
import dev.ductor.testkit.telegram.BotMessage;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.json.JsonMapper;

/**
 * Behaviour §2.19 through every service: the orchestrator asks the release source in the background (here
 * every 2 s, a found version reused for 1 s) and tells every allowed user of a later release once per version, also across a restart of the
 * orchestrator; a still later release is told again, to the chats {@code notifications.upgrade_targets} names
 * once it names some; each named chat on the transport it is on (§5.9): a Matrix room there only, the other
 * chats on Telegram and, all together, once in the Matrix broadcast rooms.
 */
@DuctorSystemTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class UpdateNoticeIT {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final long[] USERS = {DuctorStack.ALICE, DuctorStack.BOB, DuctorStack.CAROL, DuctorStack.DAVE};

    private final DuctorStack stack;
    private final FakeReleases releases = FakeReleases.start().latest("v99.0.0");
    private DuctorStack.MatrixSide matrix;

    UpdateNoticeIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void aReleaseSourceAskedEveryTwoSeconds() {
        stack.service("orchestrator").putEnvironment("DUCTOR_UPGRADE_RELEASES_URL", releases.latestUrl());
        stack.service("orchestrator").putEnvironment("DUCTOR_UPGRADE_CHECK_EVERY", "2s");
        stack.service("orchestrator").putEnvironment("DUCTOR_UPGRADE_CACHE", "1s");
        matrix = stack.withMatrix();
    }

    @AfterAll
    void stopReleases() {
        releases.close();
    }

    @Test
    @Order(1)
    void everyAllowedUserIsToldOfANewReleaseOncePerVersionAndTheUpgradeTargetsWhenNamed() throws IOException {
        for (long user : USERS) {
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(notices(user))
                            .singleElement()
                            .satisfies(m -> assertThat(m.text())
                                    .contains(
                                            "Running: ", "New: 99.0.0", "https://example.invalid/releases/tag/v99.0.0")
                                    .contains("Send /upgrade to see how to upgrade this deployment.")));
        }
        int asked = releases.requests();
        await().atMost(WAIT).until(() -> releases.requests() >= asked + 2);
        stack.service("orchestrator").kill();
        stack.restart("orchestrator");
        int restarted = releases.requests();
        await().atMost(WAIT).until(() -> releases.requests() >= restarted + 2);
        for (long user : USERS) {
            assertThat(notices(user))
                    .as("asked again, after a restart too: told once")
                    .hasSize(1);
        }

        releases.latest("v99.1.0");
        for (long user : USERS) {
            await().atMost(WAIT)
                    .untilAsserted(() -> assertThat(notices(user))
                            .hasSize(2)
                            .last()
                            .satisfies(m -> assertThat(m.text()).contains("New: 99.1.0")));
        }

        // notifications.upgrade_targets names the chats (read at the next check): only Bob hears of 99.2.0
        upgradeTargets("[{\"chat_id\": " + DuctorStack.BOB + "}, {\"enabled\": false, \"chat_id\": " + DuctorStack.ALICE
                + "}]");
        releases.latest("v99.2.0");
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(notices(DuctorStack.BOB))
                        .hasSize(3)
                        .last()
                        .satisfies(m -> assertThat(m.text()).contains("New: 99.2.0")));
        int told = releases.requests();
        await().atMost(WAIT).until(() -> releases.requests() >= told + 2);
        for (long user : new long[] {DuctorStack.ALICE, DuctorStack.CAROL, DuctorStack.DAVE}) {
            assertThat(notices(user)).as("not a target").hasSize(2);
        }
    }

    @Test
    @Order(2)
    void aMatrixRoomNamedIsToldThereOnlyAndTheTelegramChatsNamedMakeOneMatrixBroadcast() throws IOException {
        FakeHomeserver hs = matrix.homeserver();
        hs.invite(matrix.room(), matrix.alice(), matrix.bot());
        await().atMost(WAIT).until(() -> "join".equals(hs.membership(matrix.room(), matrix.bot())));
        hs.userSends(matrix.room(), matrix.alice(), "hello"); // the room's session: the orchestrator knows the room
        long room = await().atMost(WAIT)
                .until(this::matrixChat, Optional::isPresent)
                .orElseThrow();

        upgradeTargets("[{\"chat_id\": " + DuctorStack.BOB + "}, {\"chat_id\": " + DuctorStack.CAROL + "}]");
        releases.latest("v99.3.0");
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(notices(DuctorStack.BOB))
                    .last()
                    .satisfies(m -> assertThat(m.text()).contains("New: 99.3.0"));
            assertThat(notices(DuctorStack.CAROL))
                    .last()
                    .satisfies(m -> assertThat(m.text()).contains("New: 99.3.0"));
            assertThat(roomNotices("99.3.0")).isNotEmpty();
        });
        awaitTwoChecks();
        assertThat(roomNotices("99.3.0"))
                .as("one broadcast for both Telegram chats")
                .hasSize(1);

        upgradeTargets("[{\"chat_id\": " + room + "}]");
        releases.latest("v99.4.0");
        await().atMost(WAIT).until(() -> !roomNotices("99.4.0").isEmpty());
        awaitTwoChecks();
        assertThat(roomNotices("99.4.0")).hasSize(1);
        assertThat(stack.telegram().requests("sendMessage"))
                .as("a Matrix room's id is no Telegram chat")
                .noneMatch(request -> request.param("text").contains("99.4.0"));
    }

    private void awaitTwoChecks() {
        int asked = releases.requests();
        await().atMost(WAIT).until(() -> releases.requests() >= asked + 2);
    }

    /** The chat id of the Matrix room, once the orchestrator keeps a session of it. */
    private Optional<Long> matrixChat() throws IOException {
        var sessions = stack.home().resolve("sessions.json");
        if (!Files.exists(sessions)) {
            return Optional.empty();
        }
        return JsonMapper.builder().build().readTree(Files.readString(sessions)).propertyNames().stream()
                .filter(key -> key.startsWith("mx:"))
                .map(key -> Long.parseLong(key.substring("mx:".length())))
                .findFirst();
    }

    private List<FakeHomeserver.Event> roomNotices(String version) {
        return matrix.homeserver().botMessages(matrix.room(), matrix.bot()).stream()
                .filter(m -> m.body().contains("Update available") && m.body().contains(version))
                .toList();
    }

    private void upgradeTargets(String targets) throws IOException {
        stack.editConfig(json -> json.putObject("notifications")
                .set("upgrade_targets", JsonMapper.builder().build().readTree(targets)));
    }

    private List<BotMessage> notices(long user) {
        return botMessages(stack.telegram(), user).stream()
                .filter(m -> m.text().startsWith("Update available"))
                .toList();
    }
}
