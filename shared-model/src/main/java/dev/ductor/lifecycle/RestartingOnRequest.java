package dev.ductor.lifecycle;

import dev.ductor.model.Contract;
import dev.ductor.model.RestartRequested;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.support.converter.MessageConversionException;
import org.springframework.amqp.support.converter.MessageConverter;

/**
 * Hears the control fanout on its own exclusive queue and, on {@link RestartRequested}, exits with 42. Every
 * other command is handed to the service's {@link ControlHandler}s (cancels, meant for the runners, find
 * none).
 */
public final class RestartingOnRequest {

    private static final Logger log = LoggerFactory.getLogger(RestartingOnRequest.class);

    private final MessageConverter converter;
    private final ServiceExit exit;
    private final String service;
    private final List<ControlHandler> handlers;

    public RestartingOnRequest(MessageConverter converter, ServiceExit exit, String service) {
        this(converter, exit, service, List.of());
    }

    public RestartingOnRequest(
            MessageConverter converter, ServiceExit exit, String service, List<ControlHandler> handlers) {
        this.converter = converter;
        this.exit = exit;
        this.service = service;
        this.handlers = List.copyOf(handlers);
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
        } else if (contract instanceof Contract command) {
            for (ControlHandler handler : handlers) {
                try {
                    handler.handle(command);
                } catch (RuntimeException e) {
                    log.error("Handling {} failed: {}", command, e.toString());
                }
            }
        }
    }
}
