package dev.ductor.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.QueueInformation;

class ExistingQueuesTest {

    @Test
    void aQueueExistsWhenItsPassiveDeclareAnswersAndTheMissingOnesKeepTheirOrder() {
        AmqpAdmin admin = mock(AmqpAdmin.class);
        when(admin.getQueueInfo(anyString())).thenReturn(null);
        when(admin.getQueueInfo("orchestrator.helper.inbound"))
                .thenReturn(new QueueInformation("orchestrator.helper.inbound", 0, 1));

        assertThat(ExistingQueues.exists(admin, "orchestrator.helper.inbound")).isTrue();
        assertThat(ExistingQueues.exists(admin, "orchestrator.other.inbound")).isFalse();
        assertThat(ExistingQueues.missing(
                        admin,
                        List.of(
                                "orchestrator.helper.run-events",
                                "orchestrator.helper.inbound",
                                "gateway.tg.x.outbound")))
                .containsExactly("orchestrator.helper.run-events", "gateway.tg.x.outbound");
    }
}
