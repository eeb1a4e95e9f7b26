package dev.ductor.orchestrator.task;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ductor.model.ChatRef;
import dev.ductor.state.DuctorJson;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of {@code tasks.json} (behaviour §5.7), ductor's fields (times in epoch seconds; {@code thread_id}
 * is the topic the task came from, left out when there is none), plus this product's {@code transport} (the
 * chat's, so results go back through the right gateway) and {@code expires_at}, after which the task is
 * never resumed.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record TaskEntry(
        String taskId,
        long chatId,
        String parentAgent,
        String name,
        String promptPreview,
        String originalPrompt,
        String provider,
        String model,
        String status,
        String sessionId,
        double createdAt,
        @Nullable Double completedAt,
        double elapsedSeconds,
        @Nullable String error,
        String resultPreview,
        int questionCount,
        int numTurns,
        @Nullable String lastQuestion,
        @Nullable String thinking,
        String reasoningEffort,
        String tasksDir,
        @JsonInclude(JsonInclude.Include.NON_NULL) @Nullable Long threadId,
        String priority,
        String transport,
        double expiresAt) {

    public static final String RUNNING = "running";
    public static final String WAITING = "waiting";
    public static final String DONE = "done";
    public static final String FAILED = "failed";
    public static final String CANCELLED = "cancelled";

    /** A task that ran and ended: it may be resumed or deleted. */
    public static final Set<String> FINISHED = Set.of(DONE, FAILED, CANCELLED);

    private static final JsonMapper MAPPER = DuctorJson.mapper();

    boolean finished() {
        return FINISHED.contains(status);
    }

    boolean interactive() {
        return priority.equals("interactive");
    }

    ChatRef chat() {
        return new ChatRef(transport, parentAgent, chatId, threadId);
    }

    /** This entry with the fields named (by their {@code tasks.json} names) changed. */
    TaskEntry with(Object... namesAndValues) {
        Map<String, @Nullable Object> changes = new HashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            changes.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        ObjectNode tree = MAPPER.valueToTree(this);
        tree.setAll((ObjectNode) MAPPER.valueToTree(changes));
        return MAPPER.treeToValue(tree, TaskEntry.class);
    }

    static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
