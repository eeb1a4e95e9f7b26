package dev.ductor.cli.status;

import dev.ductor.cli.Console;
import dev.ductor.cli.Context;
import dev.ductor.cli.LocalClis;
import dev.ductor.config.ConfigException;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.RunnerStatus;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * {@code ductor status} (behaviour §11.2): the configuration, each service's health, the broker and its
 * queues, the runners with their CLIs, the CLIs on this machine and the latest errors in the logs. Whatever
 * is down is said plainly; the report itself never fails because a part is missing.
 */
public final class StatusReport {

    private final Context context;
    private final Console console;

    public StatusReport(Context context) {
        this.context = context;
        this.console = context.console();
    }

    /** Prints the report; true when every service is UP and the broker answers. */
    public boolean print(Duration runnerWait) {
        boolean healthy = true;
        console.println("Configuration: " + context.configFile());
        if (!context.hasConfig()) {
            console.println("  missing: run `ductor` to set it up");
            healthy = false;
        } else {
            try {
                DuctorConfig config = context.configLoader().read(context.configFile());
                console.println("  provider " + config.provider() + ", model " + config.model() + ", transports "
                        + String.join(", ", config.transports()) + ", allowed users " + config.allowedUserIds()
                        + (config.docker().enabled() ? ", Docker sandbox on" : ""));
            } catch (ConfigException e) {
                console.println("  broken: " + e.getMessage());
                healthy = false;
            }
        }

        console.println("");
        console.println("Services:");
        var probe = new ServiceProbe();
        for (ServiceProbe.Service service : ServiceProbe.SERVICES) {
            int port = service.port(context.env());
            ServiceProbe.Health health = probe.probe(port);
            healthy &= health.running() && health.state().equals("UP");
            console.println(String.format(Locale.ROOT, "  %-17s :%d  %s", service.name(), port, health.describe()));
        }

        console.println("");
        BrokerProbe.Result broker = BrokerProbe.connect(context.env());
        if (broker.probe().isEmpty()) {
            console.println("Broker: RabbitMQ at " + broker.address() + " does not answer (" + broker.problem()
                    + "); start it with `bin/ensure-rabbitmq` (plain jars) or `docker compose up -d rabbitmq`.");
            healthy = false;
        } else {
            try (BrokerProbe bus = broker.probe().get()) {
                console.println("Broker: RabbitMQ at " + broker.address() + " answers.");
                printRunners(bus, printQueues(bus), runnerWait);
            }
        }

        console.println("");
        console.println("CLIs on this machine:");
        for (LocalClis.Found cli : new LocalClis(context).all()) {
            console.println(String.format(Locale.ROOT, "  %-7s %s", cli.provider(), cli.describe()));
        }

        console.println("");
        List<LastErrors.Log> logs = LastErrors.in(context.repo().resolve(".run/logs"), 3);
        if (logs.isEmpty()) {
            console.println("Last errors: no logs in " + context.repo().resolve(".run/logs")
                    + " (bin/run-local writes them there; with docker compose: `docker compose logs`).");
        } else {
            console.println("Last errors (" + context.repo().resolve(".run/logs") + "):");
            for (LastErrors.Log log : logs) {
                if (log.lines().isEmpty()) {
                    console.println("  " + log.service() + ": none");
                } else {
                    console.println("  " + log.service() + ":");
                    log.lines().forEach(line -> console.println("    " + line));
                }
            }
        }
        return healthy;
    }

    /** Prints the queues; the number of runners consuming run requests. */
    private int printQueues(BrokerProbe bus) {
        int runnersConsuming = 0;
        console.println("Queues (messages waiting / consumers):");
        for (BrokerProbe.QueueDepth queue : bus.queues(List.of("tg.main"))) {
            if (!queue.exists()) {
                if (!queue.name().endsWith(".dlq")) {
                    console.println("  " + queue.name() + ": not declared yet (its service never started here)");
                }
                continue;
            }
            if (queue.name().endsWith("runner.requests")) {
                runnersConsuming = (int) queue.consumers();
            }
            String warning = queue.name().endsWith(".dlq") && queue.messages() > 0 ? "  <- dead letters" : "";
            console.println("  " + queue.name() + ": " + queue.messages() + " / " + queue.consumers() + warning);
        }
        return runnersConsuming;
    }

    private void printRunners(BrokerProbe bus, int runnersConsuming, Duration wait) {
        if (runnersConsuming == 0) {
            console.println("Runners: none is taking run requests (is cli-runner started?)");
            return;
        }
        List<RunnerStatus> runners;
        try {
            runners = bus.runners(runnersConsuming, wait);
        } catch (IOException e) {
            console.println("Runners: " + runnersConsuming + " consuming; their reports could not be read ("
                    + e.getMessage() + ")");
            return;
        }
        console.println("Runners: " + runnersConsuming + " consuming run requests"
                + (runners.size() < runnersConsuming
                        ? "; heard " + runners.size() + " report(s) in " + wait.toSeconds()
                                + " s (they report every 30 s; `--runner-wait` waits longer)"
                        : ""));
        for (RunnerStatus runner : runners) {
            console.println("  " + runner.runnerId() + ": "
                    + runner.activeRunIds().size() + "/" + runner.slots() + " slots busy, reported " + runner.at());
            for (RunnerStatus.ProviderStatus cli : runner.providers()) {
                String state = !cli.installed() ? "not installed" : cli.authenticated() ? "logged in" : "not logged in";
                console.println("    " + cli.provider() + " " + state
                        + (cli.version() == null ? "" : " (" + cli.version() + ")"));
            }
        }
    }
}
