package dev.ductor.runner.models;

import dev.ductor.model.RunnerStatus.ModelInfo;
import dev.ductor.runner.process.DockerSandbox;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Asks one CLI installation which models it offers. */
interface ModelLister {

    /** The provider, also the executable's name. */
    String provider();

    /**
     * The models of the CLI at {@code executable}, run (if it is run at all) with exactly {@code env} where
     * {@code placement} puts it (the host, or the sandbox container as the turns run there); empty when it
     * offers none. Throws when it cannot tell, so that an earlier answer is kept.
     */
    List<ModelInfo> list(Path executable, Map<String, String> env, Placement placement) throws IOException;

    /** Where a lister's process runs: the command line and environment for the host's process builder. */
    @FunctionalInterface
    interface Placement {

        /** On the runner's host, as it is (a lister may then read the installation's files itself). */
        Placement HOST = (argv, cwd, env, stdin) -> new DockerSandbox.Placed(argv, env);

        DockerSandbox.Placed place(List<String> argv, Path cwd, Map<String, String> env, boolean stdin);
    }
}
