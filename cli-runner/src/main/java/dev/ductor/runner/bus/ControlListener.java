package dev.ductor.runner.bus;

import dev.ductor.model.CancelAll;
import dev.ductor.model.CancelRun;
import dev.ductor.model.RestartRequested;
import dev.ductor.runner.run.ActiveRuns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.rabbit.annotation.RabbitHandler;
import org.springframework.amqp.rabbit.annotation.RabbitListener;
import org.springframework.stereotype.Component;

/** Cancel requests from the control fanout: every runner hears them, the owner of the run acts. */
@Component
@RabbitListener(id = "runner-control", queues = "#{@runnerControlQueue.name}")
final class ControlListener {

    private static final Logger log = LoggerFactory.getLogger(ControlListener.class);

    private final ActiveRuns active;

    ControlListener(ActiveRuns active) {
        this.active = active;
    }

    @RabbitHandler
    void onCancelRun(CancelRun cancel) {
        if (active.cancel(cancel.runId(), cancel.mode())) {
            log.info("Run {}: {} requested", cancel.runId(), cancel.mode());
        }
    }

    /** A whole-bot restart is carried out by the lifecycle listener every service has; nothing to do here. */
    @RabbitHandler
    void onRestart(RestartRequested restart) {}

    @RabbitHandler
    void onCancelAll(CancelAll cancel) {
        int stopped = active.stopAll();
        log.info("Stop all ({}): {} run(s) stopped", cancel.reason(), stopped);
    }
}
