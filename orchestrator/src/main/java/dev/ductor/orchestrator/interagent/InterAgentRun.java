package dev.ductor.orchestrator.interagent;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.ductor.model.ChatRef;
import dev.ductor.model.InterAgentAsk;
import dev.ductor.model.RunRequest;
import dev.ductor.orchestrator.background.TimedRun;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * The recipient's run of an inter-agent ask, kept until its {@code RunFinished}: the ask (whom to answer, and
 * how), the named session it runs in, in which chat, the provider switch to report with the answer, and the
 * request handed to the runners (for the one retry in a fresh session), and, for that retry, the notice that
 * the session was started anew.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record InterAgentRun(
        String runId,
        InterAgentAsk ask,
        String session,
        ChatRef chat,
        @Nullable String providerSwitchNotice,
        int timeoutSeconds,
        Instant startedAt,
        RunRequest request,
        @Nullable String recoveryNotice)
        implements TimedRun {

    /** The suffix of the one retry in a fresh session after the session it resumed was gone (ductor's #81). */
    static final String FRESH = "-fresh";

    static String runId(String taskId) {
        return "ia-" + taskId;
    }
}
