package dev.ductor.orchestrator.automation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class DependencyQueueTest {

    private final DependencyQueue queue = new DependencyQueue();
    private final List<String> started = new ArrayList<>();

    private DependencyQueue.Start start(String name, boolean holds) {
        return () -> {
            started.add(name);
            return holds;
        };
    }

    @Test
    void sameDependencyRunsOneAfterTheOtherInOrderOthersAtOnce() {
        queue.run("db", start("a", true));
        queue.run("db", start("b", true));
        queue.run("db", start("c", true));
        queue.run(null, start("free", true));
        queue.run("mail", start("m", true));
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
        queue.run("db", start("a", true));
        queue.run("db", start("missing-folder", false));
        queue.run("db", start("c", true));
        queue.release("db");
        assertThat(started).containsExactly("a", "missing-folder", "c");
        queue.run("x", start("alone-fails", false));
        assertThat(queue.held("x")).isFalse();
    }
}
