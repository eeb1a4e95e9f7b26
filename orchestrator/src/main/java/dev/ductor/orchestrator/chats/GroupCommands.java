package dev.ductor.orchestrator.chats;

import dev.ductor.model.ChatRef;
import dev.ductor.model.ChatType;
import dev.ductor.orchestrator.auth.Authorizer;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.springframework.stereotype.Component;

/** {@code /where} and {@code /leave <group_id>} (behaviour §2.23): the groups the bot knows, and leaving one. */
@Component
public class GroupCommands {

    private static final Set<String> GONE = Set.of(ChatTracker.LEFT, "kicked", ChatTracker.AUTO_LEFT);

    private final ChatTracker tracker;
    private final dev.ductor.config.ConfigStore config;
    private final Replies replies;
    private final Texts texts;

    GroupCommands(ChatTracker tracker, dev.ductor.config.ConfigStore config, Replies replies, Texts texts) {
        this.texts = texts;
        this.tracker = tracker;
        this.config = config;
        this.replies = replies;
    }

    public String where() {
        List<ChatActivity> all = tracker.all();
        if (all.isEmpty()) {
            return texts.t("telegram.where_empty");
        }
        var current = config.current();
        List<String> active = new ArrayList<>();
        List<String> rejected = new ArrayList<>();
        List<String> left = new ArrayList<>();
        for (ChatActivity chat : all) {
            String line = "`" + chat.chatId() + "` — "
                    + (chat.title() == null || chat.title().isBlank()
                            ? texts.t("telegram.where_untitled")
                            : chat.title())
                    + " ("
                    + chat.chatType() + ")";
            if (GONE.contains(chat.status())) {
                left.add(line + " [" + chat.status() + "]");
            } else if (chat.status().equals(ChatTracker.ACTIVE)
                    && Authorizer.chatAllowed(current, chat.chatType(), chat.chatId())) {
                active.add(line);
            } else {
                rejected.add(
                        chat.rejectedCount() > 0
                                ? line + " — " + texts.t("telegram.where_rejected_count", "count", chat.rejectedCount())
                                : line);
            }
        }
        return Texts.fmt(
                texts.t("telegram.where_header"),
                Texts.SEP,
                section(texts.t("telegram.where_active"), active),
                section(texts.t("telegram.where_rejected"), rejected),
                section(texts.t("telegram.where_left"), left));
    }

    public String leave(ChatRef from, String argument) {
        if (argument.isBlank()) {
            return Texts.fmt(texts.t("telegram.leave_usage_header"), Texts.SEP, texts.t("telegram.leave_usage"));
        }
        long id;
        try {
            id = Long.parseLong(argument.strip());
        } catch (NumberFormatException e) {
            return texts.t("telegram.leave_invalid_id");
        }
        var known = tracker.get(id);
        ChatRef chat = known.map(c -> new ChatRef(c.transport(), c.agent(), id, null))
                .orElse(new ChatRef(from.transport(), from.agent(), id, null));
        try {
            replies.leave(chat);
        } catch (RuntimeException e) {
            return texts.t("telegram.leave_failed", "error", String.valueOf(e.getMessage()));
        }
        if (known.isPresent()) {
            tracker.status(id, ChatTracker.LEFT, known.get().allowed());
        } else {
            tracker.record(chat, ChatType.GROUP.code(), null, ChatTracker.LEFT, false);
        }
        return texts.t("telegram.left_group", "group_id", id);
    }

    private static String section(String header, List<String> lines) {
        return lines.isEmpty() ? "" : header + "\n" + String.join("\n", lines);
    }
}
