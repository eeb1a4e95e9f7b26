package dev.ductor.runner.models;

import dev.ductor.model.RunnerStatus.ModelInfo;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Asks one CLI installation which models it offers. */
interface ModelLister {

    /** The provider, also the executable's name. */
    String provider();

    /**
     * The models of the CLI at {@code executable}, run (if it is run at all) with exactly {@code env}; empty
     * when it offers none. Throws when it cannot tell, so that an earlier answer is kept.
     */
    List<ModelInfo> list(Path executable, Map<String, String> env) throws IOException;
}
