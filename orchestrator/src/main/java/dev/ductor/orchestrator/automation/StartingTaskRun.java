package dev.ductor.orchestrator.automation;

import dev.ductor.bus.Bus;
import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.models.ModelRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Hands a one-shot run of a task folder to the runners (behaviour §4.9): a fresh CLI session in
 * {@code workspace/cron_tasks/<folder>}, the instruction with ductor's memory-file suffix, timeout
 * {@code cli_timeout}, the task's provider/model/effort/{@code cli_parameters} overrides where they are
 * valid against the models the runners listed ({@link ModelRegistry}: a model must be known, an effort one
 * of the model's, a provider without a model gets its default model; anything else is logged and the global
 * setting used), the task's parameters after the global ones.
 */
@Component
class StartingTaskRun {

    private static final Logger log = LoggerFactory.getLogger(StartingTaskRun.class);

    private final ConfigStore config;
    private final ModelRegistry models;
    private final Bus bus;
    private final AutomationRuns runs;

    StartingTaskRun(ConfigStore config, ModelRegistry models, Bus bus, AutomationRuns runs) {
        this.config = config;
        this.models = models;
        this.bus = bus;
        this.runs = runs;
    }

    /** Registers and publishes the run; throws (and forgets it) when the broker did not take it. */
    void start(String runId, String kind, CronTask task, ChatRef chat, List<ChatRef> targets, Runnable recorded) {
        DuctorConfig current = config.current();
        String model = current.model();
        String provider = models.providerOf(model);
        if (task.model() != null) {
            if (models.isKnown(task.model())) {
                model = task.model();
                provider = models.providerOf(model);
            } else {
                log.warn("Task {}: model '{}' is not a known model; using {}", task.id(), task.model(), model);
            }
        }
        if (task.provider() != null && !task.provider().equals(provider)) {
            String wanted = task.provider().toLowerCase(Locale.ROOT);
            var fallback = task.model() == null && ModelRegistry.PROVIDERS.contains(wanted)
                    ? models.defaultModel(wanted)
                    : java.util.Optional.<String>empty();
            if (fallback.isPresent()) {
                provider = wanted;
                model = fallback.get();
            } else {
                log.warn(
                        "Task {}: provider '{}' does not fit model {} (or has no known model); using {}",
                        task.id(),
                        task.provider(),
                        model,
                        provider);
            }
        }
        String effort = current.reasoningEffort();
        if (task.reasoningEffort() != null) {
            if (models.efforts(model).contains(task.reasoningEffort())) {
                effort = task.reasoningEffort();
            } else {
                log.warn(
                        "Task {}: effort '{}' is not one of {} for {}; using {}",
                        task.id(),
                        task.reasoningEffort(),
                        models.efforts(model),
                        model,
                        effort);
            }
        }
        List<String> parameters = new ArrayList<>(current.cliParameters().forProvider(provider));
        parameters.addAll(task.cliParameters());
        int timeout = (int) Math.max(1, Math.round(current.cliTimeout()));
        var request = new RunRequest(
                runId,
                chat,
                provider,
                model,
                effort,
                current.permissionMode(),
                instruction(task),
                null,
                null,
                timeout,
                List.copyOf(parameters),
                current.maxTurns(),
                current.maxBudgetUsd(),
                "cron_tasks/" + task.taskFolder());
        runs.add(new AutomationRun(
                runId,
                kind,
                task.id(),
                task.title(),
                targets,
                provider,
                task.dependency(),
                null,
                task.silentOnSuccess(),
                timeout,
                Instant.now()));
        try {
            recorded.run(); // the trigger counts as handled only once its run is on record (see RunningTask)
            bus.toRunners(request, runId);
        } catch (RuntimeException e) {
            runs.remove(runId);
            throw e;
        }
        log.info(
                "{} run {} of '{}' handed to the runners ({} {}, cron_tasks/{})",
                kind,
                runId,
                task.id(),
                provider,
                model,
                task.taskFolder());
    }

    static String instruction(CronTask task) {
        String memory = task.taskFolder() + "_MEMORY.md";
        return task.instruction() + "\n\nIMPORTANT:\n"
                + "- Read the " + memory + " file (it contains important information!)\n"
                + "- When finished, update " + memory + " with DATE + TIME and what you have done.\n"
                + "- The final answer is delivered to Telegram automatically by ductor.\n"
                + "- Return only the user-facing result text.\n"
                + "- Do not include transport/debug/tool confirmations (for example: \"Message sent successfully\").";
    }
}
