package dev.ductor.orchestrator.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.isNull;
import static org.mockito.Mockito.clearInvocations;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.session.SessionStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AnnouncingStartTest {

    @TempDir
    Path root;

    private DuctorHome home;
    private ConfigStore config;
    private final Replies replies = mock(Replies.class);
    private final AtomicReference<String> bootId = new AtomicReference<>("boot-1");

    @BeforeEach
    void setUp() throws Exception {
        home = new DuctorHome(root);
        Files.createDirectories(home.configFile().getParent());
        Files.writeString(home.configFile(), "{\"allowed_user_ids\":[11,22]}");
        config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
    }

    private void start() {
        new AnnouncingStart(
                        new RestartSentinel(home),
                        replies,
                        Texts.english(),
                        home,
                        new NoticeTargets(
                                config,
                                dev.ductor.bus.Gateways.parse(List.of("tg.main", "mx.main")),
                                mock(SessionStore.class)),
                        bootId::get,
                        Clock.systemUTC())
                .announce();
    }

    private static ChatRef user(long id) {
        return new ChatRef("tg", "main", id, null);
    }

    @Test
    void theFirstStartGreetsEveryAllowedUserAServiceRestartSaysNothing() {
        start();
        String notice = "**Bot Started**\n\n───\n\nFirst start — ready to go.";
        verify(replies).text(user(11), notice, null);
        verify(replies).text(user(22), notice, null);
        assertThat(root.resolve("startup_state.json")).exists();

        clearInvocations(replies);
        start();
        verify(replies, never()).text(any(), anyString(), any());
    }

    @Test
    void withMatrixConfiguredTheMatrixGatewaysBroadcastRoomsHearItToo() throws Exception {
        start(); // without a matrix block: Telegram only
        verify(replies, never()).text(eq(ChatRef.broadcast("mx", "main")), anyString(), any());

        Files.delete(root.resolve("startup_state.json"));
        Files.writeString(home.configFile(), """
                {"allowed_user_ids":[11], "matrix": {"homeserver": "http://hs", "user_id": "@b:hs"}}""");
        config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        clearInvocations(replies);
        start();
        String notice = "**Bot Started**\n\n───\n\nFirst start — ready to go.";
        verify(replies).text(user(11), notice, null);
        verify(replies).text(new ChatRef("mx", "main", ChatRef.BROADCAST, null), notice, null);
    }

    @Test
    void startupTargetsNameTheChatsAndAllDisabledTargetsSilenceTheNotice() throws Exception {
        Files.writeString(home.configFile(), """
                {"allowed_user_ids":[11], "matrix": {"homeserver": "http://hs", "user_id": "@b:hs"},
                 "notifications": {"startup_targets": [{"chat_id": -100500, "topic_id": 9},
                   {"enabled": false, "chat_id": 22}], "upgrade_targets": [{"chat_id": 77}]}}""");
        config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        start();
        String notice = "**Bot Started**\n\n───\n\nFirst start — ready to go.";
        verify(replies).text(new ChatRef("tg", "main", -100500, 9L), notice, null);
        // a chat id that is no known Matrix room is broadcast there (behaviour §5.9)
        verify(replies).text(ChatRef.broadcast("mx", "main"), notice, null);
        verify(replies, org.mockito.Mockito.times(2)).text(any(), anyString(), any());

        Files.delete(root.resolve("startup_state.json"));
        Files.writeString(home.configFile(), """
                {"allowed_user_ids":[11], "notifications": {"startup_targets": [{"enabled": false, "chat_id": 22}]}}""");
        config = new ConfigStore(new ConfigLoader(Map.of()), home.configFile());
        clearInvocations(replies);
        start();
        verify(replies, never()).text(any(), anyString(), any());
    }

    @Test
    void aRebootIsAnnouncedAsSuch() {
        start();
        clearInvocations(replies);
        bootId.set("boot-2");
        start();
        verify(replies).text(user(11), "**Bot Started**\n\n───\n\nSystem reboot detected — back online.", null);
    }

    @Test
    void aRestartSentinelIsAnsweredInsteadOfAnyStartNotice() {
        new RestartSentinel(home).write(new ChatRef("tg", "main", 33, 7L), "Restart completed.");
        bootId.set("boot-9");
        start();
        verify(replies).text(eq(new ChatRef("tg", "main", 33, 7L)), eq("Restart completed."), isNull());
        verify(replies, never()).text(eq(user(11)), anyString(), any());
        assertThat(root.resolve("restart-sentinel.json")).doesNotExist();
    }

    @Test
    void aNoticeThatCannotGoOutNeverFailsTheStartAndTheSentinelWaitsForTheNextOne() {
        new RestartSentinel(home).write(new ChatRef("tg", "main", 33, null), "Restart completed.");
        org.mockito.Mockito.doThrow(new org.springframework.amqp.AmqpException("broker down"))
                .when(replies)
                .text(any(), anyString(), any());
        start(); // no exception
        assertThat(root.resolve("restart-sentinel.json")).exists();

        org.mockito.Mockito.reset(replies);
        start();
        verify(replies).text(eq(new ChatRef("tg", "main", 33, null)), eq("Restart completed."), isNull());
        assertThat(root.resolve("restart-sentinel.json")).doesNotExist();
    }
}
