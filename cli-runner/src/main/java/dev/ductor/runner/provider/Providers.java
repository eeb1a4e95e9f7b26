package dev.ductor.runner.provider;

import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/** Every {@link ProviderCli} known to this runner, by name. */
@Component
public final class Providers {

    private final List<ProviderCli> providers;

    public Providers(List<ProviderCli> providers) {
        this.providers = List.copyOf(providers);
    }

    public List<ProviderCli> all() {
        return providers;
    }

    public Optional<ProviderCli> byName(String name) {
        return providers.stream().filter(p -> p.name().equalsIgnoreCase(name)).findFirst();
    }
}
