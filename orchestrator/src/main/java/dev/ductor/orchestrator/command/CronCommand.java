package dev.ductor.orchestrator.command;

import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.cron.CronSelector;
import org.springframework.stereotype.Component;

/** {@code /cron}: the selector over {@code cron_jobs.json}. */
@Component
class CronCommand extends NamedCommand {

    private final CronSelector cron;

    CronCommand(CronSelector cron) {
        super("cron", MenuEntry.Section.AUTOMATION, MenuEntry.Popup.CORE);
        this.cron = cron;
    }

    @Override
    public void handle(InboundMessage message) {
        cron.open(message.chat(), message.transportMessageId());
    }
}
