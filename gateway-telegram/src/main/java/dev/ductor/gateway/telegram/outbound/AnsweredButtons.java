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
    /** Telegram's limit for a caption (its visible characters). */
    static final int CAPTION_LIMIT = 1024;

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
        keyboards.put(chatId + ":" + messageId, new Keyboard(markdown, buttons, false));
    }

    /** {@code markdown} with an answer keyboard is the caption of this photo (the welcome, behaviour §2.2). */
    synchronized void shownAsCaption(long chatId, int messageId, String markdown, List<List<Button>> buttons) {
        keyboards.put(chatId + ":" + messageId, new Keyboard(markdown, buttons, true));
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
        boolean caption = keyboard != null && keyboard.caption();
        String suffix = "\n\n<i>[USER ANSWER] " + escape(label) + "</i>";
        String withAnswer = html + suffix;
        String plainWithAnswer = plain + "\n\n[USER ANSWER] " + label;
        boolean fits = caption ? plainWithAnswer.length() <= CAPTION_LIMIT : withAnswer.length() <= TextSplitter.LIMIT;
        String finalHtml = fits ? withAnswer : html;
        String finalPlain = fits ? plainWithAnswer : plain;
        boolean captionFits = plainWithAnswer.length() <= CAPTION_LIMIT;
        String captionHtml = captionFits ? withAnswer : html;
        String captionPlain = captionFits ? plainWithAnswer : plain;
        outbox.submit(chatId, true, 0, () -> {
                    ApiResult result = edit(caption, chatId, messageId, finalHtml, finalPlain);
                    if (!caption
                            && result.permanentFailure()
                            && result.description().contains("no text")) {
                        // a photo's caption pressed after a restart (the welcome): Telegram edits it as a caption
                        return edit(true, chatId, messageId, captionHtml, captionPlain);
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

    /** The HTML edit, and the plain one when Telegram refuses the HTML. */
    private ApiResult edit(boolean caption, long chatId, int messageId, String html, String plain) {
        ApiResult result = edit(caption, chatId, messageId, html, true);
        if (result.permanentFailure()
                && !result.notModified()
                && !result.messageGone()
                && !result.description().contains("no text")) {
            return edit(caption, chatId, messageId, plain, false);
        }
        return result;
    }

    private ApiResult edit(boolean caption, long chatId, int messageId, String text, boolean html) {
        return caption
                ? telegram.editMessageCaption(chatId, messageId, text, html, List.of())
                : telegram.editMessageText(chatId, messageId, text, html, List.of());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private record Keyboard(String markdown, List<List<Button>> buttons, boolean caption) {}
}
