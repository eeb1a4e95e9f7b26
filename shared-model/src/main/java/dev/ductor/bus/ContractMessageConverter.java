package dev.ductor.bus;

import dev.ductor.model.Contract;
import dev.ductor.model.Contracts;
import java.nio.charset.StandardCharsets;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * JSON for the bus. The Java type comes only from the {@code ductor-type} header and only from
 * {@link Contracts}: anything else is a {@link MessageConversionException}, which the listener error
 * handler treats as fatal (straight to the DLQ, never requeued).
 */
public final class ContractMessageConverter implements MessageConverter {

    private final JsonMapper mapper;

    public ContractMessageConverter(JsonMapper mapper) {
        this.mapper = mapper;
    }

    @Override
    public Message toMessage(Object object, MessageProperties properties) {
        if (!(object instanceof Contract contract)) {
            throw new MessageConversionException(
                    "Not a bus contract: " + object.getClass().getName());
        }
        try {
            byte[] body = mapper.writeValueAsBytes(contract);
            properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
            properties.setContentEncoding(StandardCharsets.UTF_8.name());
            properties.setContentLength(body.length);
            properties.setHeader(BusHeaders.TYPE, Contracts.typeOf(contract));
            properties.setHeader(BusHeaders.SCHEMA, Contracts.SCHEMA);
            return new Message(body, properties);
        } catch (JacksonException e) {
            throw new MessageConversionException("Cannot serialise " + Contracts.typeOf(contract), e);
        }
    }

    @Override
    public Object fromMessage(Message message) {
        Object type = message.getMessageProperties().getHeaders().get(BusHeaders.TYPE);
        if (type == null) {
            throw new MessageConversionException("Message without " + BusHeaders.TYPE + " header");
        }
        Class<? extends Contract> target = Contracts.byName(type.toString())
                .orElseThrow(() -> new MessageConversionException("Unknown contract type '" + type + "'"));
        try {
            return mapper.readValue(message.getBody(), target);
        } catch (JacksonException e) {
            throw new MessageConversionException("Malformed " + type + ": " + e.getOriginalMessage(), e);
        }
    }
}
