package dev.ductor.orchestrator.run;

import dev.ductor.model.RunFinished;
import dev.ductor.model.RunHeartbeat;
import dev.ductor.model.RunOutput;
import dev.ductor.model.RunStarted;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.background.RunOwner;
import dev.ductor.orchestrator.models.ModelCaches;
import dev.ductor.orchestrator.models.OfferingProviders;
import dev.ductor.orchestrator.runners.Runners;
import java.util.List;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/**
 * Consumes {@code orchestrator.run-events} in order (one consumer): each event is acknowledged after
 * its effect was published, so a crash replays it and the gateway's message-id check shows it once.
 */
@Component
@RabbitListener(queues = "#{ductorTopology.orchestratorRunEventsQueue()}", concurrency = "1")
class RunEventsListener {

    private final FollowingRun following;
    private final FinishingTurn finishing;
    private final Runners runners;
    /** Automation and named sessions: their runs have no stream in a chat to follow. */
    private final List<RunOwner> owners;

    private final ModelCaches modelCaches;
    private final OfferingProviders offering;

    RunEventsListener(
            FollowingRun following,
            FinishingTurn finishing,
            Runners runners,
            List<RunOwner> owners,
            ModelCaches modelCaches,
            OfferingProviders offering) {
        this.modelCaches = modelCaches;
        this.offering = offering;
        this.following = following;
        this.finishing = finishing;
        this.runners = runners;
        this.owners = List.copyOf(owners);
    }

    @RabbitHandler
    void on(RunnerStatus status) {
        runners.report(status);
        modelCaches.reported(status);
        offering.reported();
    }

    @RabbitHandler
    void on(RunStarted started) {
        if (owners.stream().anyMatch(owner -> owner.owns(started.runId()))) {
            return;
        }
        following.started(started);
    }

    @RabbitHandler
    void on(RunOutput output) {
        following.output(output);
    }

    @RabbitHandler
    void on(RunHeartbeat heartbeat) {
        following.heartbeat(heartbeat.runId());
    }

    @RabbitHandler
    void on(RunFinished finished) {
        for (RunOwner owner : owners) {
            if (owner.finished(finished)) {
                return;
            }
        }
        finishing.finished(finished);
    }
}
