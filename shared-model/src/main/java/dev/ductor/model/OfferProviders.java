package dev.ductor.model;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.util.List;

/**
 * The providers an agent can run now — each CLI some live runner reports logged in, with its models — for a
 * gateway that shows them to its clients ({@code auth_ok.providers} of the WebSocket API, behaviour §10).
 * The orchestrator sends it to each API gateway when the list changes.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record OfferProviders(String transport, String agent, List<Provider> providers) implements Contract {

    public OfferProviders {
        providers = List.copyOf(providers);
    }

    /** One CLI: its id ({@code claude}), its name ({@code Claude Code}) and the model ids it takes. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Provider(String id, String name, List<String> models) {

        public Provider {
            models = List.copyOf(models);
        }
    }
}
