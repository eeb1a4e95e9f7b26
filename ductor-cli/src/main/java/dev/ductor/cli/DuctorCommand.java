package dev.ductor.cli;

import dev.ductor.cli.agents.AgentsCommand;
import dev.ductor.cli.api.ApiCommand;
import dev.ductor.cli.lifecycle.ResetCommand;
import dev.ductor.cli.lifecycle.RestartCommand;
import dev.ductor.cli.lifecycle.StopCommand;
import dev.ductor.cli.lifecycle.UninstallCommand;
import dev.ductor.cli.onboarding.Onboarding;
import dev.ductor.cli.sandbox.DockerCommand;
import dev.ductor.cli.service.ServiceCommand;
import dev.ductor.cli.status.StatusReport;
import dev.ductor.cli.upgrade.UpgradeCommand;
import dev.ductor.config.ConfigException;
import dev.ductor.config.DuctorConfig;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ductor}: set up, look after and run ductor (behaviour §11). Without a subcommand it runs the
 * onboarding when the configuration is missing or incomplete, and otherwise shows the status and how to
 * start the services.
 */
@Command(
        name = "ductor",
        mixinStandardHelpOptions = true,
        versionProvider = DuctorCommand.Version.class,
        description = "Set up and look after ductor (Telegram to claude, codex and gemini).",
        subcommands = {
            DuctorCommand.StatusCommand.class,
            AgentsCommand.class,
            DockerCommand.class,
            ApiCommand.class,
            ServiceCommand.class,
            StopCommand.class,
            RestartCommand.class,
            ResetCommand.class,
            UninstallCommand.class,
            UpgradeCommand.class,
            CommandLine.HelpCommand.class
        })
public final class DuctorCommand implements Callable<Integer> {

    private final Context context;

    public DuctorCommand(Context context) {
        this.context = context;
    }

    public Context context() {
        return context;
    }

    public static void main(String[] args) {
        System.exit(commandLine(Context.system()).execute(args));
    }

    /** The command line with every subcommand, bound to {@code context}; errors are printed as one clear line. */
    public static CommandLine commandLine(Context context) {
        var line = new CommandLine(new DuctorCommand(context));
        line.setOut(context.console().out());
        line.setErr(context.console().err());
        line.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof Cancelled) {
                context.console().println(e.getMessage());
                return 1;
            }
            if (e instanceof ConfigException || e instanceof UserError) {
                context.console().error("ductor: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return line;
    }

    @Override
    public Integer call() {
        if (!complete()) {
            new Onboarding(context).run();
            printHowToStart(context.console());
            return 0;
        }
        new StatusReport(context).print(Duration.ZERO);
        context.console().println("");
        printHowToStart(context.console());
        return 0;
    }

    /** A configuration is complete with a bot token and at least one allowed user (behaviour §11.1). */
    private boolean complete() {
        if (!context.hasConfig()) {
            return false;
        }
        DuctorConfig config = context.configLoader().read(context.configFile());
        return !config.telegramToken().isBlank() && !config.allowedUserIds().isEmpty();
    }

    /** The three ways to start ductor. */
    public static void printHowToStart(Console console) {
        console.println("Start ductor:");
        console.println("  in the foreground:          bin/run-local   (Ctrl-C stops it)");
        console.println("  as a background service:    bin/ductor service install   (keeps running after logout)");
        console.println("  with Docker:                docker compose up -d");
        console.println("Then write to your bot in Telegram. `bin/ductor status` shows how it is doing.");
    }

    @Command(name = "status", description = "Services, broker, queues, runners, CLIs and the latest errors.")
    static final class StatusCommand implements Callable<Integer> {

        @CommandLine.ParentCommand
        DuctorCommand root;

        @Option(
                names = "--runner-wait",
                defaultValue = "35",
                description =
                        "Seconds to wait for the runners' reports (they come every 30 s; default ${DEFAULT-VALUE}).")
        int runnerWait;

        @Override
        public Integer call() {
            return new StatusReport(root.context).print(Duration.ofSeconds(runnerWait)) ? 0 : 3;
        }
    }

    /** The version of this build (from the jar's manifest). */
    /**
     * {@code -V} / {@code --version}: {@code ductor <version>}, the version the build wrote into {@code
     * META-INF/build-info.properties} (the one {@code /actuator/info} of each service shows).
     */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"ductor " + version()};
        }

        static String version() {
            try (var in = DuctorCommand.class.getResourceAsStream("/META-INF/build-info.properties")) {
                if (in != null) {
                    var info = new java.util.Properties();
                    info.load(in);
                    String version = info.getProperty("build.version");
                    if (version != null && !version.isBlank()) {
                        return version;
                    }
                }
            } catch (java.io.IOException e) {
                // fall through: no build information
            }
            String version = DuctorCommand.class.getPackage().getImplementationVersion();
            return version == null ? "(development build)" : version;
        }
    }
}
