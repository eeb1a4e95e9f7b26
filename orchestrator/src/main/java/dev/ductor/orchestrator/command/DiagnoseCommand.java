package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.status.ShowingDiagnostics;
import org.springframework.stereotype.Component;

/** {@code /diagnose}. */
@Component
class DiagnoseCommand extends NamedCommand {

    private final ShowingDiagnostics diagnostics;
    private final Replies replies;

    DiagnoseCommand(ShowingDiagnostics diagnostics, Replies replies) {
        super("diagnose", MenuEntry.Section.MAINTENANCE, MenuEntry.Popup.CORE);
        this.diagnostics = diagnostics;
        this.replies = replies;
    }

    @Override
    public void handle(InboundMessage message) {
        replies.text(message.chat(), diagnostics.diagnose(message.chat()), message.transportMessageId());
    }
}
