package dev.ductor.orchestrator.automation;

import dev.ductor.bus.Topology;
import dev.ductor.config.ConfigStore;
import dev.ductor.model.ChatRef;
import dev.ductor.model.WebhookFired;
import dev.ductor.orchestrator.conversation.Acker;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * An accepted webhook: {@code wake} into the live sessions, {@code cron_task} a fresh run in its folder
 * with the result broadcast as {@code **WEBHOOK (CRON TASK): title**} (behaviour §6.2).
 */
@Component
class ReceivingWebhook {

    private static final Logger log = LoggerFactory.getLogger(ReceivingWebhook.class);

    private final WakingChats waking;
    private final RunningTask running;
    private final TaskFiles files;
    private final ConfigStore config;
    private final String agent;

    ReceivingWebhook(WakingChats waking, RunningTask running, TaskFiles files, ConfigStore config, Topology topology) {
        this.waking = waking;
        this.running = running;
        this.files = files;
        this.config = config;
        this.agent = topology.agent();
    }

    void receive(WebhookFired fired, Acker acker) {
        switch (fired.mode()) {
            case "wake" -> waking.wake(fired, acker);
            case "cron_task" -> runTask(fired, acker);
            default -> {
                log.warn("Webhook {} has the unknown mode '{}'; nothing runs", fired.hookId(), fired.mode());
                files.recordHook(fired.hookId(), "error:unknown_mode_" + fired.mode());
                acker.ack();
            }
        }
    }

    private void runTask(WebhookFired fired, Acker acker) {
        if (fired.taskFolder() == null || fired.taskFolder().isBlank()) {
            files.recordHook(fired.hookId(), "error:no_task_folder");
            acker.ack();
            return;
        }
        var task = new CronTask(
                fired.hookId(),
                fired.title(),
                fired.taskFolder(),
                fired.renderedPrompt(),
                fired.provider(),
                fired.model(),
                fired.reasoningEffort(),
                fired.cliParameters(),
                fired.dependency(),
                "tg",
                0,
                null,
                false);
        List<ChatRef> targets = Broadcast.resultTargets(config.current(), agent);
        ChatRef chat = targets.isEmpty() ? new ChatRef("tg", agent, 0, null) : targets.getFirst();
        running.run(
                "wh:" + fired.hookId() + ":" + fired.requestId(),
                "whk-" + fired.requestId(),
                "webhook",
                task,
                chat,
                targets,
                acker,
                status -> files.recordHook(fired.hookId(), status));
    }
}
