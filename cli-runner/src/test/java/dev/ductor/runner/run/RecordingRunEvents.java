package dev.ductor.runner.run;

import dev.ductor.model.Contract;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Run events kept in memory, in publish order, with their message ids. */
final class RecordingRunEvents implements RunEvents {

    record Published(String agent, String runId, Contract event, String messageId) {}

    final List<Published> published = new CopyOnWriteArrayList<>();

    @Override
    public void publish(String runId, Contract event, String messageId) {
        published.add(new Published("main", runId, event, messageId));
    }

    @Override
    public RunEvents forAgent(String agent) {
        return (runId, event, messageId) -> published.add(new Published(agent, runId, event, messageId));
    }

    <T extends Contract> List<T> all(Class<T> type) {
        return published.stream()
                .map(Published::event)
                .filter(type::isInstance)
                .map(type::cast)
                .toList();
    }

    List<String> messageIds() {
        return published.stream().map(Published::messageId).toList();
    }
}
