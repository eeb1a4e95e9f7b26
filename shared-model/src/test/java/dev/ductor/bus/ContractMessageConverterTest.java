package dev.ductor.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ductor.model.AcknowledgePress;
import dev.ductor.model.ContractFixtures;
import dev.ductor.model.Contracts;
import dev.ductor.model.RunOutput;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;

class ContractMessageConverterTest {

    private final ContractMessageConverter converter = new ContractMessageConverter(ContractJson.mapper());

    @Test
    void writesTheTypeAndSchemaHeadersAndReadsTheContractBack() {
        RunOutput output = ContractFixtures.read(RunOutput.class);

        Message message = converter.toMessage(output, new MessageProperties());

        assertThat(message.getMessageProperties().getHeaders())
                .containsEntry(BusHeaders.TYPE, "RunOutput")
                .containsEntry(BusHeaders.SCHEMA, Contracts.SCHEMA);
        assertThat(converter.fromMessage(message)).isEqualTo(output);
    }

    @Test
    void readsARenamedContractUnderItsFormerTypeName() {
        var properties = new MessageProperties();
        properties.setHeader(BusHeaders.TYPE, "AnswerButton");
        byte[] body = ContractFixtures.tree(AcknowledgePress.class).toString().getBytes();

        assertThat(converter.fromMessage(new Message(body, properties)))
                .isEqualTo(ContractFixtures.read(AcknowledgePress.class));
        assertThat(converter
                        .toMessage(ContractFixtures.read(AcknowledgePress.class), new MessageProperties())
                        .getMessageProperties()
                        .getHeaders())
                .containsEntry(BusHeaders.TYPE, "AcknowledgePress");
    }

    @Test
    void refusesATypeThatIsNotAContract() {
        var properties = new MessageProperties();
        properties.setHeader(BusHeaders.TYPE, "java.lang.ProcessBuilder");

        assertThatThrownBy(() -> converter.fromMessage(new Message("{}".getBytes(), properties)))
                .isInstanceOf(MessageConversionException.class)
                .hasMessageContaining("Unknown contract type");
    }

    @Test
    void refusesAMessageWithoutType() {
        assertThatThrownBy(() -> converter.fromMessage(new Message("{}".getBytes(), new MessageProperties())))
                .isInstanceOf(MessageConversionException.class)
                .hasMessageContaining(BusHeaders.TYPE);
    }

    @Test
    void malformedJsonIsAConversionErrorSoItGoesToTheDeadLetterQueue() {
        var properties = new MessageProperties();
        properties.setHeader(BusHeaders.TYPE, "RunOutput");

        assertThatThrownBy(() -> converter.fromMessage(new Message("{not json".getBytes(), properties)))
                .isInstanceOf(MessageConversionException.class)
                .hasMessageContaining("Malformed RunOutput");
    }

    @Test
    void topologyNamesCarryTheNamespace() {
        var topology = new Topology("t42");
        assertThat(topology.inboundExchange()).isEqualTo("t42.ductor.inbound");
        assertThat(topology.gatewayOutboundQueue("tg", "main")).isEqualTo("t42.gateway.tg.main.outbound");
        assertThat(new Topology("").runnerRequestsQueue()).isEqualTo("runner.requests");
    }
}
