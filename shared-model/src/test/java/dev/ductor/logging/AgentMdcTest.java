package dev.ductor.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ductor.agents.TestSubAgentContexts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.context.support.GenericApplicationContext;

/** Log lines of work done in a sub-agent's context carry its name as {@code agent} in the MDC. */
class AgentMdcTest {

    @TempDir
    Path dir;

    private final LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final AgentMdc filter = new AgentMdc();
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final Logger log = logging.getLogger(AgentMdcTest.class);

    @BeforeEach
    void attach() {
        filter.start();
        logging.addTurboFilter(filter);
        lines.start();
        log.addAppender(lines);
    }

    @AfterEach
    void detach() {
        log.detachAppender(lines);
        logging.getTurboFilterList().remove(filter);
    }

    @Test
    void threadsASubAgentsContextStartsLogWithItsNameAndTheMainAgentsWithout() throws Exception {
        var poller = Executors.newSingleThreadScheduledExecutor();
        var agents = TestSubAgentContexts.helper(dir, (entry, agentHome, config) -> {
            // as a context's listener container or poller: a thread of its own, working later
            Thread.ofPlatform().start(() -> {
                await().pollDelay(Duration.ofMillis(100)).until(() -> true);
                log.info("polled");
            });
            var context = new GenericApplicationContext();
            context.refresh();
            return context;
        });
        agents.start();
        try {
            await().atMost(Duration.ofSeconds(5))
                    .until(() -> lines.list.stream()
                            .anyMatch(line -> line.getMessage().equals("polled")));
            poller.submit(() -> log.info("main work")).get(5, TimeUnit.SECONDS);
        } finally {
            agents.stop();
            poller.shutdownNow();
        }

        assertThat(lines.list)
                .filteredOn(line -> line.getMessage().equals("polled"))
                .allSatisfy(line -> assertThat(line.getMDCPropertyMap()).containsEntry(AgentMdc.KEY, "helper"));
        assertThat(lines.list)
                .filteredOn(line -> line.getMessage().equals("main work"))
                .singleElement()
                .satisfies(line -> assertThat(line.getMDCPropertyMap()).doesNotContainKey(AgentMdc.KEY));
        assertThat(AgentMdc.current()).isNull();
    }
}
