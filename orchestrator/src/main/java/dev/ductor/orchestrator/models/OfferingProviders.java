package dev.ductor.orchestrator.models;

import dev.ductor.bus.Bus;
import dev.ductor.bus.Gateways;
import dev.ductor.model.OfferProviders;
import dev.ductor.model.Transport;
import dev.ductor.orchestrator.runners.Runners;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Tells each API gateway which providers the agent can run (behaviour §10, {@code auth_ok.providers}): every
 * CLI some live runner reports logged in, in ductor's order, with its models. Sent after a runner's report
 * whenever the list differs from the one last sent (so once after each start); a send the broker refuses is
 * tried again with the next report.
 */
@Component
public class OfferingProviders {

    private static final Logger log = LoggerFactory.getLogger(OfferingProviders.class);
    private static final Map<String, String> NAMES =
            Map.of("claude", "Claude Code", "codex", "Codex", "gemini", "Gemini");
    private static final List<String> ORDER = List.of("claude", "codex", "gemini");

    private final Runners runners;
    private final ModelRegistry models;
    private final Bus bus;
    private final Gateways gateways;
    private @Nullable List<OfferProviders.Provider> sent;

    OfferingProviders(Runners runners, ModelRegistry models, Bus bus, Gateways gateways) {
        this.runners = runners;
        this.models = models;
        this.bus = bus;
        this.gateways = gateways;
    }

    /** After a runner's report: sends the list when it changed. */
    public synchronized void reported() {
        List<OfferProviders.Provider> offered = offered();
        if (offered.equals(sent)) {
            return;
        }
        for (Gateways.Address gateway : gateways.of(Transport.API.code())) {
            String id = "providers:" + UUID.randomUUID();
            try {
                bus.toGateway(
                        gateway.transport(),
                        gateway.agent(),
                        new OfferProviders(gateway.transport(), gateway.agent(), offered),
                        id,
                        id);
            } catch (RuntimeException e) {
                log.warn(
                        "Could not tell {} the providers: {}; trying with the next runner report",
                        gateway,
                        e.toString());
                sent = null;
                return;
            }
        }
        sent = offered;
    }

    List<OfferProviders.Provider> offered() {
        var loggedIn = runners.loggedIn();
        List<OfferProviders.Provider> offered = new ArrayList<>();
        for (String provider : ORDER) {
            if (loggedIn.contains(provider)) {
                offered.add(new OfferProviders.Provider(provider, NAMES.get(provider), models.models(provider)));
            }
        }
        return offered;
    }
}
