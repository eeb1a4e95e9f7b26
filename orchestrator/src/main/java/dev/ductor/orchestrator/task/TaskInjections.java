package dev.ductor.orchestrator.task;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.InboundMessage;
import dev.ductor.orchestrator.background.RecordedRuns;
import dev.ductor.orchestrator.conversation.Acker;
import dev.ductor.orchestrator.conversation.PendingMessage;
import dev.ductor.orchestrator.journal.TurnJournal;
import dev.ductor.orchestrator.turn.AdmittingTurn;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Injects a task's result, failure or question into the parent session (behaviour §5.7), and an asynchronous
 * inter-agent answer into the asking agent's session (§5.8): a turn of the task's
 * chat with that text as the prompt, a turn now when the chat is idle, else queued behind its running turn;
 * the agent's answer is shown as any answer. Each injection is written to
 * {@code state/orchestrator/task-injections.json} before it is admitted and forgotten once its turn was
 * handed to the runners, so one that waits in a chat's queue when the orchestrator stops is admitted again
 * at the next start (its journal key keeps it from running twice).
 */
@Component
public class TaskInjections {

    private static final Logger log = LoggerFactory.getLogger(TaskInjections.class);

    private final RecordedRuns<Injection> pending;
    private final TurnJournal journal;
    private final AdmittingTurn admitting;
    /** Injections whose hand-over failed (the broker refused): admitted again by {@link #retry()}. */
    private final Set<String> retrying = ConcurrentHashMap.newKeySet();

    TaskInjections(DuctorHome home, TurnJournal journal, AdmittingTurn admitting) {
        this.pending = new RecordedRuns<>(
                home.stateDir("orchestrator").resolve("task-injections.json"), Injection.class, Injection::key);
        this.journal = journal;
        this.admitting = admitting;
    }

    /**
     * Records and admits the injection; one already recorded under its key (a redelivery) is left alone. Other
     * packages inject through it too (an inter-agent answer, behaviour §5.8).
     */
    public void inject(Injection injection) {
        if (pending.owns(injection.key()) || journal.seen(injection.key())) {
            return;
        }
        pending.add(injection);
        admit(injection);
    }

    @EventListener(ApplicationReadyEvent.class)
    void admitRecorded() {
        for (Injection injection : pending.all()) {
            log.info(
                    "Task {}: its injection {} was waiting at the last stop; admitted again",
                    injection.taskId(),
                    injection.key());
            admit(injection);
        }
    }

    @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
    void retry() {
        for (Injection injection : pending.all()) {
            if (retrying.remove(injection.key())) {
                admit(injection);
            }
        }
    }

    private void admit(Injection injection) {
        if (journal.seen(injection.key())) {
            pending.remove(injection.key());
            return;
        }
        var chat = injection.chat();
        var message = new InboundMessage(
                chat,
                chat.chatId() > 0 ? "private" : "supergroup",
                chat.chatId(),
                "task " + injection.taskId(),
                "task-" + injection.key().replace(':', '-'),
                injection.text(),
                null,
                true,
                injection.at());
        admitting.admit(
                new PendingMessage(message, injection.key(), new Acker() {
                    @Override
                    public void ack() {
                        pending.remove(injection.key());
                    }

                    @Override
                    public void requeue() {
                        retrying.add(injection.key());
                    }
                }),
                false);
    }
}
