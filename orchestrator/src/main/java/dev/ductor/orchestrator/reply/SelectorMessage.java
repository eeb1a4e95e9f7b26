package dev.ductor.orchestrator.reply;

import dev.ductor.model.Button;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one message of a button selector in each chat ({@code /tasks}, {@code /sessions}): sent when the selector
 * opens, then edited in place with the view after each press. The message's ref is kept across restarts
 * ({@link SelectorRefs}), so a press on a selector opened before one edits it too. An edit that fails is logged
 * only: the press's change is made, and the next Refresh shows it. Made by {@link SelectorMessages}.
 */
public final class SelectorMessage {

    private static final Logger log = LoggerFactory.getLogger(SelectorMessage.class);

    /** A view of the selector: its text and its rows of buttons. */
    public record View(String text, List<List<Button>> buttons) {}

    private final String prefix;
    private final String name;
    private final Replies replies;
    private final SelectorRefs refs;

    SelectorMessage(String prefix, String name, Replies replies, SelectorRefs refs) {
        this.prefix = prefix;
        this.name = name;
        this.replies = replies;
        this.refs = refs;
    }

    /** Sends the selector as a reply to {@code replyTo}; the chat's presses edit this message from now on. */
    public void open(ChatRef chat, String replyTo, View view) {
        String ref = prefix + "-" + chat.storageKey() + "-" + replyTo;
        refs.opened(prefix, chat, ref);
        replies.named(chat, ref, ref + ":show", view.text(), replyTo, view.buttons());
    }

    /** Shows {@code view} in the selector the press came from. */
    public void update(ButtonPressed press, View view) {
        String ref = refs.open(prefix, press.chat())
                .orElse(prefix + "-" + press.chat().storageKey());
        try {
            replies.edit(press.chat(), ref, ref + ":" + press.callbackId(), view.text(), view.buttons());
        } catch (RuntimeException e) {
            log.warn("Could not update the {} in {}: {}", name, press.chat().storageKey(), e.toString());
        }
    }
}
