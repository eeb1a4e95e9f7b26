package dev.ductor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Behaviour scenario 78 through the whole stack: {@code /restart} restarts the whole bot — every service exits
 * with ductor's code 42 for its supervisor — and, once they are back, the same chat gets "Restart
 * completed.". The test plays the supervisor (docker's restart policy, bin/run-local).
 */
@DuctorSystemTest
class RestartIT {

    private static final List<String> SERVICES = List.of("orchestrator", "cli-runner", "gateway-telegram", "scheduler");

    private final DuctorStack stack;

    RestartIT(DuctorStack stack) {
        this.stack = stack;
    }

    @Test
    void restartRestartsEveryServiceAndTheChatHearsItCompleted() {
        stack.telegram()
                .userMessage(DuctorStack.ALICE, DuctorStack.ALICE, "/restart")
                .send();

        await("every service exits with 42")
                .atMost(Duration.ofSeconds(60))
                .until(() -> SERVICES.stream()
                        .allMatch(
                                s -> Integer.valueOf(42).equals(stack.service(s).exitCode())));
        assertThat(ChatScript.botMessages(stack.telegram(), DuctorStack.ALICE))
                .anySatisfy(m -> assertThat(m.text()).startsWith("Restarting"));

        SERVICES.forEach(stack::restart); // what the supervisor does on 42
        await("Restart completed. in the chat that asked")
                .atMost(Duration.ofSeconds(60))
                .until(() -> ChatScript.botMessages(stack.telegram(), DuctorStack.ALICE).stream()
                        .anyMatch(m -> m.text().equals("Restart completed.")));
        assertThat(ChatScript.botMessages(stack.telegram(), DuctorStack.ALICE))
                .filteredOn(m -> m.text().equals("Restart completed."))
                .hasSize(1);
    }
}
