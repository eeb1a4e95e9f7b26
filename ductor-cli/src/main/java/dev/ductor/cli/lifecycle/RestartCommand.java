package dev.ductor.cli.lifecycle;

import dev.ductor.cli.Console;
import dev.ductor.cli.Context;
import dev.ductor.cli.DuctorCommand;
import dev.ductor.cli.UserError;
import dev.ductor.cli.service.ServiceCommand;
import dev.ductor.cli.service.ServiceManager;
import dev.ductor.cli.status.BrokerProbe;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ductor restart} (behaviour §11.8): the background service is stopped and started; a
 * {@code bin/run-local} is asked through the broker, as {@code /restart} does, so each service exits with 42
 * and run-local starts it again (work in flight is recovered as after any restart); docker compose containers
 * are restarted by compose.
 */
@Command(name = "restart", description = "Restart ductor the way it runs here.")
public final class RestartCommand implements Callable<Integer> {

    @ParentCommand
    DuctorCommand root;

    @Override
    public Integer call() {
        Context context = root.context();
        Console console = context.console();
        Deployment deployment = Deployment.detect(context);
        if (deployment.serviceInstalled()) {
            ServiceManager service = ServiceCommand.manager(context);
            service.stop();
            service.start();
            console.println("Restarted the background service.");
            return 0;
        }
        if (deployment.runLocal().isPresent()) {
            BrokerProbe.Result broker = BrokerProbe.connect(context.env());
            BrokerProbe probe = broker.probe()
                    .orElseThrow(() -> new UserError(
                            "bin/run-local (pid " + deployment.runLocal().get().pid()
                                    + ") runs, but the broker at " + broker.address() + " does not answer ("
                                    + broker.problem() + "), so its services cannot be asked to restart. Stop it with"
                                    + " `ductor stop` and start bin/run-local again."));
            try (probe) {
                probe.requestRestart("ductor restart");
            } catch (IOException e) {
                throw new UserError("The broker did not take the restart request: " + e.getMessage());
            }
            console.println("Asked every service to restart; bin/run-local (pid "
                    + deployment.runLocal().get().pid() + ") starts each again within seconds.");
            return 0;
        }
        if (deployment.composeRunning()) {
            if (Deployment.composeCommand(context, List.of("restart")).isEmpty()) {
                throw new UserError("docker compose could not restart the containers: run `docker compose restart` in "
                        + context.repo() + ".");
            }
            console.println("Restarted the docker compose containers.");
            return 0;
        }
        throw new UserError("ductor is not running here. Start it with bin/run-local, `bin/ductor service install`"
                + " or `docker compose up -d`.");
    }
}
