package dev.ductor.runner.status;

import dev.ductor.config.ConfigStore;
import dev.ductor.config.DuctorConfig;
import dev.ductor.runner.process.CliEnvironment;
import dev.ductor.runner.provider.ProviderCli;
import dev.ductor.runner.provider.Providers;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/**
 * Which CLIs are logged in on this machine: judged on the environment a turn of that CLI would get (login
 * files or keys, {@code config.json}'s and {@code .env}'s included). The one rule for {@link RunnerStatus
 * the runner's report} and for the rule files the workspace deploys; asked anew each time, so a CLI logged in
 * (or out) while the runner runs is seen at the next report or workspace sync.
 */
@Component
public final class Logins {

    private final Providers providers;
    private final CliEnvironment environment;
    private final ConfigStore configs;

    public Logins(Providers providers, CliEnvironment environment, ConfigStore configs) {
        this.providers = providers;
        this.environment = environment;
        this.configs = configs;
    }

    boolean authenticated(ProviderCli cli, DuctorConfig config) {
        return cli.authenticated(environment.machine(cli.configVariables(config)));
    }

    /** The names of the CLIs logged in now. */
    public Set<String> loggedIn() {
        DuctorConfig config = configs.current();
        return providers.all().stream()
                .filter(cli -> authenticated(cli, config))
                .map(ProviderCli::name)
                .collect(Collectors.toUnmodifiableSet());
    }
}
