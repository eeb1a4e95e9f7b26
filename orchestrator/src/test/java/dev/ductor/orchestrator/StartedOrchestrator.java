package dev.ductor.orchestrator;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the {@link OrchestratorHarness} before the first test class that uses it; it lives in the root
 * store, so JUnit closes it once, after the last class of the test run.
 */
final class StartedOrchestrator implements BeforeAllCallback {

    @Override
    public void beforeAll(ExtensionContext context) {
        context.getRoot()
                .getStore(ExtensionContext.Namespace.create(StartedOrchestrator.class))
                .computeIfAbsent(OrchestratorHarness.class, type -> start(), AutoCloseable.class);
    }

    private static AutoCloseable start() {
        try {
            return OrchestratorHarness.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
