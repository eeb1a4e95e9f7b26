package dev.ductor.runner.bus;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Envelope;
import com.rabbitmq.client.GetResponse;
import dev.ductor.bus.ContractJson;
import dev.ductor.bus.ContractMessageConverter;
import dev.ductor.bus.Topology;
import dev.ductor.model.ChatRef;
import dev.ductor.model.RunRequest;
import dev.ductor.runner.RunnerProperties;
import dev.ductor.runner.run.ActiveRuns;
import dev.ductor.runner.run.RunExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.ConnectionFactory;
import org.springframework.amqp.rabbit.support.DefaultMessagePropertiesConverter;

/** The bus is a trust boundary: a run id that could name another folder never reaches the executor. */
class TakingRunRequestsTest {

    private final RunExecutor executor = mock(RunExecutor.class);
    private final Channel channel = mock(Channel.class);
    private final ContractMessageConverter converter = new ContractMessageConverter(ContractJson.mapper());
    private final TakingRunRequests taking = new TakingRunRequests(
            mock(ConnectionFactory.class),
            converter,
            executor,
            new ActiveRuns(),
            new RunnerProperties("runner-t", 1, Duration.ofSeconds(5), List.of()),
            new Topology(""),
            Duration.ofMillis(100));

    private GetResponse delivery(String runId) {
        var request = new RunRequest(
                runId,
                new ChatRef("tg", "main", 1, null),
                "claude",
                "opus",
                "",
                "default",
                "hi",
                null,
                null,
                60,
                List.of(),
                null,
                null);
        Message message = converter.toMessage(request, new MessageProperties());
        return new GetResponse(
                new Envelope(7, false, "ductor.runs", "run"),
                new DefaultMessagePropertiesConverter()
                        .fromMessageProperties(message.getMessageProperties(), StandardCharsets.UTF_8.name()),
                message.getBody(),
                0);
    }

    /** One request taken by a running slot, as {@code basic.get} hands it over. */
    private void take(String runId) throws IOException {
        taking.start();
        try {
            taking.run(channel, delivery(runId));
        } finally {
            taking.stop();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../workspace", "run-1/../../x", "..", "run.1", "run:1", "", " run-1", "run-1\n"})
    void aRunIdThatIsNotARunIdIsRejectedToTheDlq(String runId) throws IOException {
        take(runId);

        verify(channel).basicReject(7, false);
        verify(executor, never()).execute(any(), any());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "run-0f8fad5b-d9cb-469f-a165-70867728950e",
                "run-0f8fad5b-d9cb-469f-a165-70867728950e-fresh",
                "r1"
            })
    void theOrchestratorsRunIdsAreTaken(String runId) throws IOException {
        take(runId);

        verify(executor).execute(any(), any());
    }
}
