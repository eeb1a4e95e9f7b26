package dev.ductor.orchestrator.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.SyncCommands;
import dev.ductor.orchestrator.i18n.Catalogue;
import dev.ductor.orchestrator.i18n.I18n;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mockito.ArgumentCaptor;
import org.springframework.amqp.AmqpException;

class CommandMenuTest {

    @TempDir
    Path root;

    private final Bus bus = mock(Bus.class);

    private ConfigStore config(String json) throws Exception {
        Path file = root.resolve("config.json");
        Files.writeString(file, json);
        return new ConfigStore(new ConfigLoader(Map.of()), file);
    }

    private static void rewrite(ConfigStore config, String json, long plusMillis) throws Exception {
        Files.writeString(config.file(), json);
        Files.setLastModifiedTime(config.file(), FileTime.fromMillis(System.currentTimeMillis() + plusMillis));
        assertThat(config.reloadIfChanged()).isTrue();
    }

    @Test
    void sendsTheMenuToTelegramGatewaysOnlyAndAgainWhenTheLanguageChanges() throws Exception {
        var config = config("{\"allowed_user_ids\":[1]}");
        var i18n = new I18n(() -> config.current().language());
        var menu = new CommandMenu(
                i18n,
                TestCommands.all(new Texts(i18n), mock(Replies.class)),
                config,
                bus,
                dev.ductor.bus.Gateways.parse(List.of("tg.main", "mx.main")));
        menu.sync();
        var sent = ArgumentCaptor.forClass(SyncCommands.class);
        verify(bus).toGateway(eq("tg"), eq("main"), sent.capture(), anyString(), anyString());
        verify(bus, never()).toGateway(eq("mx"), any(), any(), any(), any());
        assertThat(sent.getValue().commands().getFirst())
                .isEqualTo(new SyncCommands.BotCommand("new", "Start new chat"));
        assertThat(sent.getValue().commands())
                .extracting(SyncCommands.BotCommand::command)
                .containsExactly(
                        "new",
                        "reset",
                        "stop",
                        "interrupt",
                        "model",
                        "status",
                        "memory",
                        "session",
                        "cron",
                        "agent_commands",
                        "showfiles",
                        "info",
                        "help",
                        "diagnose",
                        "upgrade",
                        "restart",
                        "stop_all",
                        "agents",
                        "agent_start",
                        "agent_stop",
                        "agent_restart");

        rewrite(config, "{\"allowed_user_ids\":[1,2]}", 2000); // no language change: no new menu
        verify(bus, times(1)).toGateway(any(), any(), any(), any(), any());

        rewrite(config, "{\"allowed_user_ids\":[1,2],\"language\":\"fr\"}", 4000);
        verify(bus, times(2)).toGateway(eq("tg"), eq("main"), sent.capture(), anyString(), anyString());
        assertThat(sent.getValue().commands().getFirst().description())
                .isEqualTo(Catalogue.load("fr").command("new"));
    }

    @Test
    void aBrokerFailureIsNotFatalAndTheNextChangeSendsAgain() throws Exception {
        var config = config("{\"allowed_user_ids\":[1]}");
        doThrow(new AmqpException("down")).when(bus).toGateway(any(), any(), any(), any(), any());
        var i18n = new I18n(() -> config.current().language());
        var menu = new CommandMenu(
                i18n,
                TestCommands.all(new Texts(i18n), mock(Replies.class)),
                config,
                bus,
                dev.ductor.bus.Gateways.parse(List.of("tg.main")));
        menu.sync();
        rewrite(config, "{\"allowed_user_ids\":[1],\"language\":\"en\",\"model\":\"sonnet\"}", 2000);
        verify(bus, times(2)).toGateway(any(), any(), any(), any(), any());
    }
}
