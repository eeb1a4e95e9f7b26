package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.files.BrowsingFiles;
import org.springframework.stereotype.Component;

/** {@code /showfiles}, and its older name {@code /files} (behaviour §2.17). */
@Component
class ShowFilesCommand extends NamedCommand {

    private final BrowsingFiles files;

    ShowFilesCommand(BrowsingFiles files) {
        super("showfiles", MenuEntry.Section.BROWSE, MenuEntry.Popup.CORE);
        this.files = files;
    }

    @Override
    public boolean matches(InboundMessage message) {
        return super.matches(message) || AbortWords.isCommand(message.text(), "files");
    }

    @Override
    public void handle(InboundMessage message) {
        files.open(message.chat(), message.transportMessageId());
    }
}
