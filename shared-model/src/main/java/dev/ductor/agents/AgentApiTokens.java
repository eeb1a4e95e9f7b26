package dev.ductor.agents;

import dev.ductor.bus.Topology;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The agent API's credential of each agent (behaviour §6.8, §5.8): the main agent's CLIs get the
 * per-deployment {@code DUCTOR_AGENT_API_TOKEN} itself, a sub-agent's CLIs a token derived from it and the
 * agent's name ({@code HMAC-SHA256(token, "ductor-agent-api:" + name)}, hex). The runner hands each CLI its
 * agent's token, the scheduler checks a call's token against the agent it names: a sub-agent knows neither
 * the deployment's token nor another agent's, so it cannot act as another agent by claiming its name.
 */
public final class AgentApiTokens {

    private AgentApiTokens() {}

    /** The token {@code agent}'s CLIs send; {@code secret} is the deployment's {@code DUCTOR_AGENT_API_TOKEN}. */
    public static String forAgent(String secret, String agent) {
        if (agent.equals(Topology.MAIN_AGENT)) {
            return secret;
        }
        if (!AgentsFile.NAME.matcher(agent).matches()) {
            throw new IllegalArgumentException("not an agent name: '" + agent + "'");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of()
                    .formatHex(mac.doFinal(("ductor-agent-api:" + agent).getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
