package dev.ductor.orchestrator.chats;

import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code /where} and {@code /leave <group_id>} (spec §2.23): the groups the bot knows, and leaving one. */
@Component
public class GroupCommands {

    private static final Set<String> GONE = Set.of(ChatTracker.LEFT, "kicked", ChatTracker.AUTO_LEFT);

    private final ChatTracker tracker;
    private final dev.ductor.config.ConfigStore config;
    private final Replies replies;

    GroupCommands(ChatTracker tracker, dev.ductor.config.ConfigStore config, Replies replies) {
        this.tracker = tracker;
        this.config = config;
        this.replies = replies;
    }

    public String where() {
        List<ChatActivity> all = tracker.all();
        if (all.isEmpty()) {
            return "No chat activity recorded yet.";
        }
        var allowedIds = config.current().allowedGroupIds();
        List<String> active = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (ChatActivity chat : all) {
            String line = "`" + chat.chatId() + "` — "
                    + (chat.title() == null || chat.title().isBlank() ? "untitled" : chat.title()) + " ("
                    + chat.chatType() + ")";
            if (GONE.contains(chat.status())) {
                left.add(line + " [" + chat.status() + "]");
            } else if (chat.status().equals(ChatTracker.ACTIVE) && allowedIds.contains(chat.chatId())) {
                active.add(line);
            } else {
                rejected.add(chat.rejectedCount() > 0 ? line + " — " + chat.rejectedCount() + "x rejected" : line);
            }
        }
        return Texts.fmt(
                "**Where**",
                Texts.SEP,
                section("**Active**", active),
                section("**Rejected**", rejected),
                section("**Left**", left));
    }

    public String leave(ChatRef from, String argument) {
        if (argument.isBlank()) {
            return Texts.fmt("**Usage**", Texts.SEP, "`/leave <group_id>`");
        }
        long id;
        try {
            id = Long.parseLong(argument.strip());
        } catch (NumberFormatException e) {
            return "Invalid group ID.";
        }
        var known = tracker.get(id);
        ChatRef chat = known.map(c -> new ChatRef(c.transport(), c.agent(), id, null))
                .orElse(new ChatRef(from.transport(), from.agent(), id, null));
        try {
            replies.leave(chat);
        } catch (RuntimeException e) {
            return "Failed to leave: " + e.getMessage();
        }
        if (known.isPresent()) {
            tracker.status(id, ChatTracker.LEFT, known.get().allowed());
        } else {
            tracker.record(chat, "group", null, ChatTracker.LEFT, false);
        }
        return "Left group <code>" + id + "</code>.";
    }

    private static String section(String header, List<String> lines) {
        return lines.isEmpty() ? "" : header + "\n" + String.join("\n", lines);
    }
}
