package dev.ductor.bus;

import java.util.Collection;
import java.util.List;
import org.springframework.amqp.core.AmqpAdmin;

/**
 * Whether queues exist on the broker, for a service that does not declare them (compose: only the orchestrator
 * declares an agent's queues, when it starts that agent). Asked with passive declares, which need no permission
 * and create nothing.
 */
public final class ExistingQueues {

    private ExistingQueues() {}

    public static boolean exists(AmqpAdmin admin, String queue) {
        return admin.getQueueInfo(queue) != null;
    }

    /** Those of {@code queues} that do not exist, in their order. */
    public static List<String> missing(AmqpAdmin admin, Collection<String> queues) {
        return queues.stream().filter(queue -> !exists(admin, queue)).toList();
    }
}
