package dev.ductor.lifecycle;

import dev.ductor.model.RestartRequested;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Hears the control fanout on its own exclusive queue and, on {@link RestartRequested}, exits with 42.
 * Everything else on that exchange (cancels, meant for the runners) is ignored here.
 */
public final class RestartingOnRequest {

    private static final Logger log = LoggerFactory.getLogger(RestartingOnRequest.class);

    private final MessageConverter converter;
    private final ServiceExit exit;
    private final String service;

    public RestartingOnRequest(MessageConverter converter, ServiceExit exit, String service) {
        this.converter = converter;
        this.exit = exit;
        this.service = service;
    }

    public void onMessage(Message message) {
        Object contract;
        try {
            contract = converter.fromMessage(message);
        } catch (MessageConversionException e) {
            return; // not ours to judge: the control exchange's consumers that need it dead-letter it
        }
        if (contract instanceof RestartRequested restart) {
            log.warn("Restart requested ({}): {} exits with {}", restart.reason(), service, ServiceExit.RESTART);
            exit.exit(ServiceExit.RESTART);
        }
    }
}
