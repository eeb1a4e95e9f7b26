package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.Texts;
import org.springframework.stereotype.Component;

/**
 * {@code /agent_commands} (behaviour §2.22): what the multi-agent system is and its commands, answered at once
 * in every agent's chat; on Matrix the commands are in their {@code !} form.
 */
@Component
class AgentCommandsCommand extends NamedCommand {

    private final Texts texts;
    private final Replies replies;

    AgentCommandsCommand(Texts texts, Replies replies) {
        super("agent_commands", MenuEntry.Section.MULTI_AGENT, MenuEntry.Popup.CORE);
        this.texts = texts;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        String prefix = Transport.of(message.chat().transport()) == Transport.MATRIX ? "!" : "/";
        String body = String.join(
                "\n",
                texts.t("agent_commands.intro"),
                "",
                texts.t("agent_commands.commands"),
                texts.t("agent_commands.agents", "p", prefix),
                texts.t("agent_commands.start", "p", prefix),
                texts.t("agent_commands.stop", "p", prefix),
                texts.t("agent_commands.restart", "p", prefix),
                "",
                texts.t("agent_commands.setup"),
                texts.t("agent_commands.setup_hint"));
        replies.text(
                message.chat(),
                Texts.fmt(texts.t("agent_commands.header"), Texts.SEP, body),
                message.transportMessageId());
    }
}
