package dev.ductor.orchestrator.automation;

import dev.ductor.orchestrator.conversation.Conversations;
import jakarta.annotation.PostConstruct;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * After a restart, before any listener starts: the automation runs still going hold what they held
 * before — a task run its dependency (behaviour §6.5), so the next fire waits for it; a heartbeat its
 * chat, so new messages queue behind it (behaviour §5.9) — until their end arrives or they expire.
 */
@Component
class ResumingAutomationRuns {

    private static final Logger log = LoggerFactory.getLogger(ResumingAutomationRuns.class);

    private final AutomationRuns runs;
    private final DependencyQueue dependencies;
    private final Conversations conversations;

    ResumingAutomationRuns(AutomationRuns runs, DependencyQueue dependencies, Conversations conversations) {
        this.runs = runs;
        this.dependencies = dependencies;
        this.conversations = conversations;
    }

    @PostConstruct
    void resume() {
        var going = runs.all();
        for (AutomationRun run : going) {
            if (run.dependency() != null) {
                dependencies.hold(run.dependency());
            }
            if (run.kind().equals("heartbeat")) {
                conversations.resume(run.targets().getFirst(), run.runId());
            }
        }
        if (!going.isEmpty()) {
            log.info("{} automation run(s) were going at the last stop; following them", going.size());
        }
    }
}
