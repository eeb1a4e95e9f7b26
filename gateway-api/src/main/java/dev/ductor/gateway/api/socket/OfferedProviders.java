package dev.ductor.gateway.api.socket;

import dev.ductor.bus.ContractJson;
import dev.ductor.config.DuctorConfig;
import dev.ductor.model.OfferProviders;
import dev.ductor.state.JsonStateFile;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;

/**
 * The providers {@code auth_ok} lists (behaviour §10): the latest list the orchestrator sent ({@code
 * OfferProviders}: each CLI a runner reports logged in, with its models), kept in {@code providers.json} so
 * a restart of this gateway still knows it. While that list is empty (none came yet, or no runner reports a
 * login), config.json's provider with its model.
 */
public final class OfferedProviders {

    private final JsonStateFile<List<OfferProviders.Provider>> file;
    private volatile List<OfferProviders.Provider> offered;

    public OfferedProviders(Path dir) {
        JsonMapper mapper = ContractJson.mapper();
        this.file = new JsonStateFile<>(
                dir.resolve("providers.json"),
                mapper,
                mapper.getTypeFactory().constructCollectionType(List.class, OfferProviders.Provider.class),
                ArrayList::new);
        this.offered = List.copyOf(file.load());
    }

    /** Takes the orchestrator's latest list. */
    public synchronized void offer(List<OfferProviders.Provider> providers) {
        file.save(providers);
        offered = List.copyOf(providers);
    }

    /** Writes {@code [{id, name, models}]} into {@code providers}. */
    void write(ArrayNode providers, DuctorConfig config) {
        List<OfferProviders.Provider> known = offered;
        if (known.isEmpty()) {
            providers
                    .addObject()
                    .put("id", config.provider())
                    .put("name", config.provider())
                    .putArray("models")
                    .add(config.model());
            return;
        }
        for (OfferProviders.Provider provider : known) {
            ArrayNode models = providers
                    .addObject()
                    .put("id", provider.id())
                    .put("name", provider.name())
                    .putArray("models");
            provider.models().forEach(models::add);
        }
    }
}
