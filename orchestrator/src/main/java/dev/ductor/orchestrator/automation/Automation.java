package dev.ductor.orchestrator.automation;

import dev.ductor.model.CronFired;
import dev.ductor.model.HeartbeatTick;
import dev.ductor.model.RunFinished;
import dev.ductor.model.WebhookFired;
import dev.ductor.orchestrator.background.RunOwner;
import dev.ductor.orchestrator.conversation.Acker;
import java.time.Instant;
import org.springframework.stereotype.Component;

/**
 * The entry points of the automation package for the inbound and run-event consumers: the scheduler's
 * messages, and the events of the runs it started (which have no stream in a chat).
 */
@Component
public class Automation implements RunOwner {

    private final FiringCronJob cron;
    private final ReceivingWebhook webhooks;
    private final CheckingIn heartbeat;
    private final AutomationRuns runs;
    private final FinishingAutomationRun finishing;

    Automation(
            FiringCronJob cron,
            ReceivingWebhook webhooks,
            CheckingIn heartbeat,
            AutomationRuns runs,
            FinishingAutomationRun finishing) {
        this.cron = cron;
        this.webhooks = webhooks;
        this.heartbeat = heartbeat;
        this.runs = runs;
        this.finishing = finishing;
    }

    /** Handles a scheduler message and settles its delivery; false when it is not one. */
    public boolean receive(Object message, Acker acker) {
        switch (message) {
            case CronFired fired -> cron.fire(fired, acker);
            case WebhookFired fired -> webhooks.receive(fired, acker);
            case HeartbeatTick tick -> heartbeat.tick(tick, acker);
            default -> {
                return false;
            }
        }
        return true;
    }

    /** Whether a run (its start, output, heartbeat) belongs to automation rather than to a chat turn. */
    @Override
    public boolean owns(String runId) {
        return runs.owns(runId);
    }

    /** Ends an automation run; false when the run is not automation's. */
    @Override
    public boolean finished(RunFinished finished) {
        return finishing.finished(finished);
    }

    @Override
    public void expire(Instant now) {
        finishing.expire(now);
    }
}
