package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.task.TasksSelector;
import org.springframework.stereotype.Component;

/** {@code /tasks}: the chat's background tasks, cancelled with buttons (behaviour §2.15). */
@Component
class TasksCommand extends NamedCommand {

    private final TasksSelector selector;

    TasksCommand(TasksSelector selector) {
        super("tasks", MenuEntry.Section.DAILY, MenuEntry.Popup.NONE);
        this.selector = selector;
    }

    @Override
    public void handle(InboundMessage message) {
        selector.open(message.chat(), message.transportMessageId());
    }
}
