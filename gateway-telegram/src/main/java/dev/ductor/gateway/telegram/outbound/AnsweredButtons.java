package dev.ductor.gateway.telegram.outbound;

import dev.ductor.gateway.telegram.ButtonPresses;
import dev.ductor.gateway.telegram.api.ApiResult;
import dev.ductor.gateway.telegram.api.TelegramPort;
import dev.ductor.model.Button;
import dev.ductor.model.ButtonData;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Answer buttons the agent asked for with {@code [button:…]} (behaviour §3.13), and the welcome's quick-start
 * buttons ({@code w:1..3}, behaviour §2.2): when one is pressed, its message gets
 * {@code <i>[USER ANSWER] label</i>} appended and loses the keyboard, through the outbox. Buttons of
 * commands (queue cancel, model wizard, selectors: {@link ButtonData}) are left to their owners.
 */
final class AnsweredButtons implements ButtonPresses {

    private static final int REMEMBERED = 2000;

    private final TelegramPort telegram;
    private final Outbox outbox;
    private final Map<String, Keyboard> keyboards = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Keyboard> eldest) {
            return size() > REMEMBERED;
        }
    };

    AnsweredButtons(TelegramPort telegram, Outbox outbox) {
        this.telegram = telegram;
        this.outbox = outbox;
    }

    /** The renderer showed {@code markdown} with an answer keyboard in this message. */
    synchronized void shown(long chatId, int messageId, String markdown, List<List<Button>> buttons) {
        keyboards.put(chatId + ":" + messageId, new Keyboard(markdown, buttons));
    }

    @Override
    public void pressed(long chatId, int messageId, String data, @Nullable String messageText) {
        Keyboard keyboard;
        synchronized (this) {
            keyboard = keyboards.get(chatId + ":" + messageId);
        }
        String html;
        String plain;
        String label = data;
        if (keyboard != null) {
            Button button = keyboard.buttons().stream()
                    .flatMap(List::stream)
                    .filter(b -> b.data().equals(data))
                    .findFirst()
                    .orElse(null);
            if (button == null) {
                return;
            }
            label = button.label();
            html = TelegramHtml.render(keyboard.markdown());
            plain = keyboard.markdown();
        } else if (messageText != null && ButtonData.isAnswer(data)) {
            html = escape(messageText); // after a restart: the text as Telegram has it, without formatting
            plain = messageText;
        } else {
            return;
        }
        String suffix = "\n\n<i>[USER ANSWER] " + escape(label) + "</i>";
        String withAnswer = html + suffix;
        String plainWithAnswer = plain + "\n\n[USER ANSWER] " + label;
        boolean fits = withAnswer.length() <= TextSplitter.LIMIT;
        String finalHtml = fits ? withAnswer : html;
        String finalPlain = fits ? plainWithAnswer : plain;
        outbox.submit(chatId, true, 0, () -> {
                    ApiResult result = telegram.editMessageText(chatId, messageId, finalHtml, true, List.of());
                    if (result.permanentFailure() && !result.notModified() && !result.messageGone()) {
                        return telegram.editMessageText(chatId, messageId, finalPlain, false, List.of());
                    }
                    return result;
                })
                .future()
                .thenRun(() -> {
                    synchronized (this) {
                        keyboards.remove(chatId + ":" + messageId);
                    }
                });
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private record Keyboard(String markdown, List<List<Button>> buttons) {}
}
