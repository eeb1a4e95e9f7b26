package dev.ductor.orchestrator.inbound;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.chats.GroupCommands;
import dev.ductor.orchestrator.chats.PostingJoinNotification;
import dev.ductor.orchestrator.cron.CronSelector;
import dev.ductor.orchestrator.models.ChoosingModel;
import dev.ductor.orchestrator.models.ModelRegistry;
import dev.ductor.orchestrator.models.SwitchingModel;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.status.ShowingDiagnostics;
import dev.ductor.orchestrator.status.ShowingHelp;
import dev.ductor.orchestrator.status.ShowingMemory;
import dev.ductor.orchestrator.status.ShowingStatus;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * The commands that bypass the chat's queue (spec §3.5) and answer at once even while a turn runs:
 * {@code /status}, {@code /memory}, {@code /cron}, {@code /model}, {@code /diagnose}, {@code /where},
 * {@code /leave}, {@code /help}, {@code /start}; and a message that is only an
 * {@code @model} directive (spec §3.9).
 */
@Component
class QuickCommands {

    private static final Pattern DIRECTIVE_ONLY = Pattern.compile("@([a-zA-Z][a-zA-Z0-9_.\\[\\]-]*)");

    private final ShowingStatus status;
    private final ShowingMemory memory;
    private final CronSelector cron;
    private final ChoosingModel choosingModel;
    private final SwitchingModel switchingModel;
    private final ModelRegistry models;
    private final Replies replies;
    private final GroupCommands groups;
    private final ShowingDiagnostics diagnostics;
    private final Texts texts;
    private final ShowingHelp help;
    private final PostingJoinNotification joinNotification;

    QuickCommands(
            ShowingStatus status,
            ShowingMemory memory,
            CronSelector cron,
            ChoosingModel choosingModel,
            SwitchingModel switchingModel,
            ModelRegistry models,
            Replies replies,
            GroupCommands groups,
            ShowingDiagnostics diagnostics,
            Texts texts,
            ShowingHelp help,
            PostingJoinNotification joinNotification) {
        this.joinNotification = joinNotification;
        this.help = help;
        this.texts = texts;
        this.status = status;
        this.memory = memory;
        this.cron = cron;
        this.choosingModel = choosingModel;
        this.switchingModel = switchingModel;
        this.models = models;
        this.replies = replies;
        this.groups = groups;
        this.diagnostics = diagnostics;
    }

    /** True if the message was a quick command and was answered. */
    boolean handle(InboundMessage message) {
        String text = message.text().strip();
        var chat = message.chat();
        String replyTo = message.transportMessageId();
        boolean isPrivate = message.chatType().equals("private");
        if (AbortWords.isCommand(text, "status")) {
            replies.text(chat, status.status(chat), replyTo);
        } else if (AbortWords.isCommand(text, "memory")) {
            replies.text(chat, memory.memory(), replyTo);
        } else if (AbortWords.isCommand(text, "cron")) {
            cron.open(chat, replyTo);
        } else if (AbortWords.isCommand(text, "model")) {
            String[] parts = text.split("\\s+");
            if (parts.length == 1) {
                choosingModel.open(chat, replyTo);
            } else {
                String effort = parts.length > 2 ? parts[2].toLowerCase(Locale.ROOT) : null;
                replies.text(chat, switchingModel.switchTo(chat, parts[1], effort), replyTo);
            }
        } else if (AbortWords.isCommand(text, "help")) {
            replies.text(chat, help.help(), replyTo);
        } else if (AbortWords.isCommand(text, "start")) {
            String ref = "welcome-" + chat.storageKey() + "-" + replyTo;
            replies.named(chat, ref, ref, help.welcome(message.userName()), replyTo, help.welcomeButtons());
            joinNotification.post(chat);
        } else if (AbortWords.isCommand(text, "diagnose")) {
            replies.text(chat, diagnostics.diagnose(), replyTo);
        } else if (isPrivate && AbortWords.isCommand(text, "where")) {
            replies.text(chat, groups.where(), replyTo);
        } else if (isPrivate && AbortWords.isCommand(text, "leave")) {
            String argument = text.contains(" ") ? text.substring(text.indexOf(' ') + 1) : "";
            replies.text(chat, groups.leave(chat, argument), replyTo);
        } else if (DIRECTIVE_ONLY.matcher(text).matches() && models.isKnown(text.substring(1))) {
            String model = text.substring(1).toLowerCase(Locale.ROOT);
            replies.text(chat, texts.t("model.directive_next", "model", model), replyTo);
        } else {
            return false;
        }
        return true;
    }
}
