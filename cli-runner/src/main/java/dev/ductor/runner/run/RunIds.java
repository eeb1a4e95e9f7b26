package dev.ductor.runner.run;

import java.util.regex.Pattern;

/**
 * What a run id from the bus may look like before it names anything: the turn's scratch folder
 * ({@code DUCTOR_HOME/tmp/run-<runId>}, deleted after the turn), routing keys, message ids, the sandbox's
 * signal script. Letters, digits, {@code -} and {@code _}, at most 128: the orchestrator's
 * {@code run-<uuid>[-fresh|-rerun]} fits, {@code ../..}, {@code /}, {@code .} and {@code :} do not.
 */
public final class RunIds {

    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");

    private RunIds() {}

    public static boolean valid(String runId) {
        return VALID.matcher(runId).matches();
    }
}
