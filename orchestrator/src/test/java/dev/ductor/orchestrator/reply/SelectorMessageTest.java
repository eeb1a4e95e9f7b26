package dev.ductor.orchestrator.reply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorHome;
import dev.ductor.model.Button;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.model.EditText;
import dev.ductor.model.SendText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelectorMessageTest {

    static final ChatRef CHAT = new ChatRef("tg", "main", 123, null);
    static final ChatRef OTHER = new ChatRef("tg", "main", 456, null);

    @TempDir
    Path home;

    final Bus bus = mock(Bus.class);
    final List<Replies> started = new ArrayList<>();
    final List<List<Button>> buttons = List.of(List.of(new Button("Refresh", "tsc:r")));

    @AfterEach
    void stop() {
        started.forEach(Replies::close);
    }

    /** A selector of a freshly started orchestrator: its refs are what the state directory holds. */
    private SelectorMessage started(String prefix) {
        Replies replies = new Replies(bus, mock(ConfigStore.class));
        started.add(replies);
        return new SelectorMessages(replies, new DuctorHome(home)).of(prefix, "tasks selector");
    }

    /** The selector message {@code ref} was edited to {@code text} for the press {@code callbackId}. */
    private void verifyEdited(ChatRef chat, String ref, String text, List<List<Button>> buttons, String callbackId) {
        verify(bus).toGateway("tg", "main", new EditText(ref, chat, text, buttons), ref, ref + ":" + callbackId);
    }

    private static ButtonPressed press(ChatRef chat, String callbackId) {
        return new ButtonPressed(chat, "private", 1, callbackId, "99", "tsc:r");
    }

    @Test
    void opensOneMessageAndEditsItAtEachPress() {
        SelectorMessage message = started("tsc");
        message.open(CHAT, "m7", new SelectorMessage.View("first", buttons));
        message.update(press(CHAT, "cb1"), new SelectorMessage.View("second", buttons));

        verify(bus)
                .toGateway(
                        "tg",
                        "main",
                        new SendText("tsc-tg:123-m7", CHAT, "first", "m7", buttons),
                        "tsc-tg:123-m7",
                        "tsc-tg:123-m7:show");
        verifyEdited(CHAT, "tsc-tg:123-m7", "second", buttons, "cb1");
    }

    @Test
    void aPressOnASelectorOpenedBeforeARestartEditsThatMessage() {
        started("tsc").open(CHAT, "m7", new SelectorMessage.View("first", buttons));
        started("nsc").open(CHAT, "m8", new SelectorMessage.View("sessions", buttons));

        started("tsc").update(press(CHAT, "cb1"), new SelectorMessage.View("after restart", List.of()));

        verifyEdited(CHAT, "tsc-tg:123-m7", "after restart", List.of(), "cb1");
    }

    @Test
    void aPressInAChatWithNoSelectorKeptEditsTheChatsRef() {
        started("tsc").open(CHAT, "m7", new SelectorMessage.View("first", buttons));

        started("tsc").update(press(OTHER, "cb1"), new SelectorMessage.View("x", List.of()));

        verifyEdited(OTHER, "tsc-tg:456", "x", List.of(), "cb1");
    }

    @Test
    void keepsOnlyTheLatestSelectorsAndTheLatestOpenedInEachChat() {
        SelectorRefs refs = new SelectorRefs(new DuctorHome(home));
        for (int i = 0; i <= SelectorRefs.MAX; i++) {
            refs.opened("tsc", chat(10_000 + i), "tsc-" + i);
        }
        refs.opened("tsc", CHAT, "tsc-a");
        refs.opened("tsc", CHAT, "tsc-b");

        SelectorRefs restarted = new SelectorRefs(new DuctorHome(home));
        assertThat(restarted.open("tsc", chat(10_000))).isEmpty();
        assertThat(restarted.open("tsc", chat(10_001))).isEmpty();
        assertThat(restarted.open("tsc", chat(10_002))).contains("tsc-2");
        assertThat(restarted.open("tsc", CHAT)).contains("tsc-b");
        assertThat(restarted.open("nsc", CHAT)).isEmpty();
    }

    private static ChatRef chat(long id) {
        return new ChatRef("tg", "main", id, null);
    }

    @Test
    void anEditThatFailsIsOnlyLogged() {
        doThrow(new IllegalStateException("broker down"))
                .when(bus)
                .toGateway(anyString(), anyString(), any(EditText.class), anyString(), anyString());

        started("tsc").update(press(CHAT, "cb1"), new SelectorMessage.View("x", List.of()));

        verify(bus).toGateway(eq("tg"), eq("main"), any(EditText.class), anyString(), anyString());
    }
}
