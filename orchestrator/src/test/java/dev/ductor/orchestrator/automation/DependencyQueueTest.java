package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyQueueTest {

    private final DependencyQueue queue = new DependencyQueue();
    private final List<String> started = new ArrayList<>();
    private final List<String> dropped = new ArrayList<>();

    private void run(String dependency, String name, boolean holds) {
        queue.run(
                dependency,
                name,
                () -> {
                    started.add(name);
                    return holds;
                },
                () -> dropped.add(name));
    }

    @Test
    void sameDependencyRunsOneAfterTheOtherInOrderOthersAtOnce() {
        run("db", "a", true);
        run("db", "b", true);
        run("db", "c", true);
        run(null, "free", true);
        run("mail", "m", true);
        assertThat(started).containsExactly("a", "free", "m");
        queue.release("db");
        assertThat(started).containsExactly("a", "free", "m", "b");
        queue.release("db");
        queue.release("db");
        assertThat(started).containsExactly("a", "free", "m", "b", "c");
        assertThat(queue.held("db")).isFalse();
        assertThat(queue.held("mail")).isTrue();
    }

    @Test
    void aStartThatRanNothingPassesTheTurnOn() {
        run("db", "a", true);
        run("db", "missing-folder", false);
        run("db", "c", true);
        queue.release("db");
        assertThat(started).containsExactly("a", "missing-folder", "c");
        run("x", "alone-fails", false);
        assertThat(queue.held("x")).isFalse();
    }

    @Test
    void aSecondDeliveryOfAWaitingStartTakesItsPlaceAndTheFirstIsDropped() {
        run("db", "a", true);
        run("db", "b", true);
        run("db", "c", true);
        run("db", "b", true);
        assertThat(dropped).containsExactly("b");
        queue.release("db");
        queue.release("db");
        queue.release("db");
        assertThat(started).containsExactly("a", "b", "c");
    }

    @Test
    void aDependencyHeldBeforeARestartMakesNewStartsWait() {
        queue.hold("db");
        run("db", "a", true);
        assertThat(started).isEmpty();
        queue.release("db");
        assertThat(started).containsExactly("a");
    }
}
