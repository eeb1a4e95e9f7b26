package dev.ductor.orchestrator.reply;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ductor.model.Button;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class SelectorMessageTest {

    static final ChatRef CHAT = new ChatRef("tg", "main", 123, null);

    final Replies replies = mock(Replies.class);
    final SelectorMessage message = new SelectorMessage("tsc", "tasks selector", replies);
    final List<List<Button>> buttons = List.of(List.of(new Button("Refresh", "tsc:r")));

    private static ButtonPressed press(String callbackId) {
        return new ButtonPressed(CHAT, "private", 1, callbackId, "99", "tsc:r");
    }

    @Test
    void opensOneMessageAndEditsItAtEachPress() {
        message.open(CHAT, "m7", new SelectorMessage.View("first", buttons));
        message.update(press("cb1"), new SelectorMessage.View("second", buttons));

        verify(replies).named(CHAT, "tsc-tg:123-m7", "tsc-tg:123-m7:show", "first", "m7", buttons);
        verify(replies).edit(CHAT, "tsc-tg:123-m7", "tsc-tg:123-m7:cb1", "second", buttons);
    }

    @Test
    void aPressOnASelectorOpenedBeforeARestartEditsTheChatsRef() {
        message.update(press("cb1"), new SelectorMessage.View("after restart", List.of()));

        verify(replies).edit(CHAT, "tsc-tg:123", "tsc-tg:123:cb1", "after restart", List.of());
    }

    @Test
    void anEditThatFailsIsOnlyLogged() {
        doThrow(new IllegalStateException("broker down"))
                .when(replies)
                .edit(eq(CHAT), anyString(), anyString(), anyString(), any());

        message.update(press("cb1"), new SelectorMessage.View("x", List.of()));

        verify(replies).edit(eq(CHAT), anyString(), anyString(), eq("x"), any());
    }
}
