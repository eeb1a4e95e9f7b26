package dev.ductor.runner.run;

import dev.ductor.model.RunFinished;
import dev.ductor.runner.RunnerProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import org.springframework.stereotype.Component;

/**
 * {@code ductor_runs_started_total}, {@code ductor_runs_finished_total}, {@code ductor_run_duration_seconds},
 * {@code ductor_run_first_output_seconds}, {@code ductor_run_exit_codes_total}, {@code ductor_run_errors_total},
 * {@code ductor_run_timeout_extensions_total}, {@code ductor_runner_active_runs}, {@code ductor_runner_free_slots}.
 */
@Component
final class RunMetrics {

    private final MeterRegistry registry;

    RunMetrics(MeterRegistry registry, ActiveRuns active, RunnerProperties properties) {
        this.registry = registry;
        Gauge.builder("ductor.runner.active.runs", active, ActiveRuns::count)
                .description("CLI turns running on this runner")
                .register(registry);
        Gauge.builder("ductor.runner.free.slots", active, a -> Math.max(0, properties.slots() - a.count()))
                .description("Turns this runner could still take")
                .register(registry);
    }

    void started(String provider) {
        Counter.builder("ductor.runs.started")
                .tag("provider", provider)
                .register(registry)
                .increment();
    }

    void firstOutput(String provider, Duration sinceStart) {
        Timer.builder("ductor.run.first.output")
                .description("From spawning the CLI to its first visible output")
                .tag("provider", provider)
                .register(registry)
                .record(sinceStart);
    }

    void finished(RunFinished finished, String provider, Duration duration) {
        finished(provider, finished.outcome(), duration);
        Counter.builder("ductor.run.exit.codes")
                .description("Exit codes of the CLIs (-1: never started; 137: SIGKILL; 130: SIGINT)")
                .tag("provider", provider)
                .tag("code", Integer.toString(finished.exitCode()))
                .register(registry)
                .increment();
        String error = finished.error();
        if (error != null) {
            int colon = error.indexOf(':');
            Counter.builder("ductor.run.errors")
                    .description("Failed turns by error category; killed and bad_resume are retried once, fresh")
                    .tag("provider", provider)
                    .tag("category", colon > 0 ? error.substring(0, colon) : "cli_error")
                    .register(registry)
                    .increment();
        }
    }

    void finished(String provider, RunFinished.Outcome outcome, Duration duration) {
        String tag = outcome.name().toLowerCase(java.util.Locale.ROOT);
        Counter.builder("ductor.runs.finished")
                .tag("provider", provider)
                .tag("outcome", tag)
                .register(registry)
                .increment();
        Timer.builder("ductor.run.duration")
                .tag("provider", provider)
                .tag("outcome", tag)
                .register(registry)
                .record(duration);
    }

    void timeoutExtensions(String provider, int extensions) {
        Counter.builder("ductor.run.timeout.extensions")
                .description("Deadline extensions granted because the CLI was still active")
                .tag("provider", provider)
                .register(registry)
                .increment(extensions);
    }
}
