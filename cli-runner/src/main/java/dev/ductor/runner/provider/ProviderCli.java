package dev.ductor.runner.provider;

import dev.ductor.model.RunRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The port to one coding-agent CLI: how to call it and how to read what it prints. */
public interface ProviderCli {

    /** The provider name of {@link RunRequest#provider()}, also the executable's name. */
    String name();

    /** What to tell a user whose machine lacks the executable. */
    String installHint();

    /** The full argv, {@code executable} first. */
    List<String> command(Path executable, RunRequest request);

    /** Variables this provider needs on top of the common ones (spec §4.1). */
    Map<String, String> environment(RunRequest request, boolean runningAsRoot);

    /** A fresh decoder for one run (decoders may keep state across lines). */
    StreamDecoder decoder();
}
