package dev.ductor.gateway.matrix;

import java.time.Duration;
import org.springframework.util.unit.DataSize;

/** Gateway properties for unit tests: back-off of a millisecond or two, so retries do not slow a test down. */
public final class FastProperties {

    private FastProperties() {}

    public static MatrixProperties get() {
        return new MatrixProperties(
                Duration.ofMillis(10),
                100,
                Duration.ofMillis(1),
                Duration.ofMillis(2),
                DataSize.ofMegabytes(1),
                100,
                1_000_000);
    }
}
