package dev.ductor.orchestrator.interagent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InterAgentAsk;
import dev.ductor.orchestrator.background.TimedRun;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The recipient's run of an inter-agent ask, kept until its {@code RunFinished}: the ask (whom to answer, and
 * how), the named session it runs in, in which chat, and the provider switch to report with the answer.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record InterAgentRun(
        String runId,
        InterAgentAsk ask,
        String session,
        ChatRef chat,
        @Nullable String providerSwitchNotice,
        int timeoutSeconds,
        Instant startedAt)
        implements TimedRun {

    static String runId(String taskId) {
        return "ia-" + taskId;
    }
}
