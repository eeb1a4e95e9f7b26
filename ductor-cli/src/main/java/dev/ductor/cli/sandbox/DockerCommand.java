package dev.ductor.cli.sandbox;

import dev.ductor.cli.Console;
import dev.ductor.cli.Context;
import dev.ductor.cli.DuctorCommand;
import dev.ductor.cli.ProcessRunner;
import dev.ductor.cli.UserError;
import dev.ductor.config.DuctorConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ductor docker …} (behaviour §11.4): the {@code docker} block of {@code config.json} that the runner's
 * sandbox reads (behaviour §8.6), and building its image from {@code cli-runner/sandbox/Dockerfile.sandbox}.
 */
@Command(name = "docker", description = "The Docker sandbox the CLIs run in: enable, disable, rebuild, mounts, extras.")
public final class DockerCommand implements Runnable {

    static final String RESTART = "It takes effect with the next turn (the runner reads config.json at each turn).";

    @ParentCommand
    DuctorCommand root;

    @Override
    public void run() {
        DuctorConfig config = context().configLoader().read(context().configFile());
        Console console = context().console();
        console.println("Docker sandbox: " + (config.docker().enabled() ? "enabled" : "disabled") + ", image "
                + config.docker().imageName() + ", container " + config.docker().containerName());
        console.println("Subcommands: enable, disable, rebuild, mount <path>, unmount <path>, mounts, extras.");
    }

    private Context context() {
        return root.context();
    }

    private DuctorConfig change(Consumer<ObjectNode> docker) {
        return context()
                .configLoader()
                .update(context().configFile(), tree -> docker.accept((ObjectNode) tree.get("docker")));
    }

    @Command(name = "enable", description = "Run the CLIs in the sandbox container (docker.enabled).")
    public int enable() {
        DuctorConfig config = change(docker -> docker.put("enabled", true));
        context().console().println("Docker sandbox enabled. " + RESTART);
        context()
                .console()
                .println("Build its image once with `ductor docker rebuild` (image "
                        + config.docker().imageName() + "); without it the runner warns and runs on the host.");
        return 0;
    }

    @Command(name = "disable", description = "Run the CLIs on the host again.")
    public int disable() {
        change(docker -> docker.put("enabled", false));
        context().console().println("Docker sandbox disabled. " + RESTART);
        return 0;
    }

    @Command(name = "rebuild", description = "Remove the sandbox container and build its image again.")
    public int rebuild() {
        DuctorConfig config = context().configLoader().read(context().configFile());
        Path sandbox = context().repo().resolve("cli-runner/sandbox");
        Path dockerfile = sandbox.resolve("Dockerfile.sandbox");
        if (!Files.isRegularFile(dockerfile)) {
            throw new UserError(
                    "No " + dockerfile + ": run ductor from the ductor checkout (bin/ductor sets DUCTOR_REPO).");
        }
        ProcessRunner processes = context().processes();
        ProcessRunner.Result version = processes.run(List.of("docker", "version", "--format", "{{.Server.Version}}"));
        if (!version.ok()) {
            throw new UserError("Docker does not answer (" + version.output().strip()
                    + "). Install Docker and start its daemon first.");
        }
        String container = config.docker().containerName();
        processes.run(List.of("docker", "rm", "-f", container));
        context()
                .console()
                .println("Removed the container " + container + " (the runner starts a new one at the next turn).");
        List<String> build = List.of(
                "docker", "build", "-t", config.docker().imageName(), "-f", dockerfile.toString(), sandbox.toString());
        context().console().println("Running: " + String.join(" ", build));
        int code = processes.runAttached(build);
        if (code != 0) {
            throw new UserError("docker build failed (exit code " + code + "); see its output above.");
        }
        context().console().println("Built " + config.docker().imageName() + ".");
        return 0;
    }

    @Command(name = "mount", description = "Make a host folder visible in the sandbox at /mnt/<its name>.")
    public int mount(@Parameters(paramLabel = "<path>") Path path) {
        Path folder = path.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new UserError(folder + " is not a folder.");
        }
        change(docker -> {
            ArrayNode mounts = (ArrayNode) docker.get("mounts");
            for (JsonNode mount : mounts) {
                if (Path.of(mount.asString()).toAbsolutePath().normalize().equals(folder)) {
                    throw new UserError(folder + " is mounted already.");
                }
            }
            mounts.add(folder.toString());
        });
        context()
                .console()
                .println("Mounted " + folder + " at /mnt/" + folder.getFileName()
                        + " for new sandbox containers (`ductor docker rebuild` replaces the running one).");
        return 0;
    }

    @Command(name = "unmount", description = "Remove a folder from docker.mounts.")
    public int unmount(@Parameters(paramLabel = "<path>") Path path) {
        Path folder = path.toAbsolutePath().normalize();
        change(docker -> {
            ArrayNode mounts = (ArrayNode) docker.get("mounts");
            for (int i = 0; i < mounts.size(); i++) {
                if (Path.of(mounts.get(i).asString())
                        .toAbsolutePath()
                        .normalize()
                        .equals(folder)) {
                    mounts.remove(i);
                    return;
                }
            }
            throw new UserError(folder + " is not in docker.mounts (`ductor docker mounts` lists them).");
        });
        context().console().println("Unmounted " + folder + ".");
        return 0;
    }

    @Command(name = "mounts", description = "The folders mounted into the sandbox, with their place inside.")
    public int mounts() {
        DuctorConfig config = context().configLoader().read(context().configFile());
        if (config.docker().mounts().isEmpty()) {
            context().console().println("No mounts. Add one with `ductor docker mount <path>`.");
        }
        for (String mount : config.docker().mounts()) {
            Path folder = Path.of(mount);
            context()
                    .console()
                    .println("  " + mount + " -> /mnt/" + folder.getFileName()
                            + (Files.isDirectory(folder) ? "" : "  (missing: skipped)"));
        }
        return 0;
    }

    @Command(name = "extras", description = "The optional packages listed for the sandbox image (docker.extras).")
    public int extras() {
        var extras = new java.util.ArrayList<String>();
        change(docker -> docker.path("extras").forEach(extra -> extras.add(extra.asString())));
        context().console().println("docker.extras: " + (extras.isEmpty() ? "none" : String.join(", ", extras)));
        context().console().println(EXTRAS_NOT_BUILT);
        return 0;
    }

    @Command(name = "extras-add", description = "Add an id to docker.extras.")
    public int extrasAdd(@Parameters(paramLabel = "<id>") String id) {
        change(docker -> {
            ArrayNode extras = (ArrayNode) docker.get("extras");
            for (JsonNode extra : extras) {
                if (extra.asString().equals(id)) {
                    throw new UserError(id + " is in docker.extras already.");
                }
            }
            extras.add(id);
        });
        context().console().println("Added " + id + " to docker.extras. " + EXTRAS_NOT_BUILT);
        return 0;
    }

    @Command(name = "extras-remove", description = "Remove an id from docker.extras.")
    public int extrasRemove(@Parameters(paramLabel = "<id>") String id) {
        change(docker -> {
            ArrayNode extras = (ArrayNode) docker.get("extras");
            for (int i = 0; i < extras.size(); i++) {
                if (extras.get(i).asString().equals(id)) {
                    extras.remove(i);
                    return;
                }
            }
            throw new UserError(id + " is not in docker.extras.");
        });
        context().console().println("Removed " + id + " from docker.extras.");
        return 0;
    }

    static final String EXTRAS_NOT_BUILT =
            "The sandbox image of this build (cli-runner/sandbox/Dockerfile.sandbox) does"
                    + " not install extras yet: the list is kept in config.json for when it does.";
}
