package dev.ductor.agents;

import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One validated entry of {@code agents.json}: its name, its transport ({@code telegram} or {@code matrix}) and
 * the entry as written (credentials, allowlists, overrides; keys this build does not know are kept).
 */
public record AgentEntry(String name, String transport, ObjectNode json) {

    public AgentEntry {
        json = json.deepCopy();
    }

    public boolean telegram() {
        return transport.equals("telegram");
    }

    /**
     * What a running agent cannot take while it runs (behaviour §5.8): the transport and its account. A change
     * of any of these restarts the agent; every other change reaches it through its {@code config.json}.
     */
    public List<String> credentials() {
        JsonNode matrix = json.path("matrix");
        return List.of(
                transport,
                json.path("telegram_token").asString(""),
                json.path("telegram_api_url").asString(""),
                matrix.path("homeserver").asString(""),
                matrix.path("user_id").asString(""));
    }

    @Override
    public String toString() {
        return "AgentEntry[" + name + ", " + transport + "]"; // never the token
    }
}
