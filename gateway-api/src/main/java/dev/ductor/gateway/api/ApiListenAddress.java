package dev.ductor.gateway.api;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorConfig;
import dev.ductor.config.DuctorHome;
import java.util.HashMap;
import java.util.Map;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Where the API listens (behaviour §10): {@code server.address} and {@code server.port} from config.json's
 * {@code api} block, read once at start (a change needs a restart, as in ductor), host 127.0.0.1 and port
 * 8741 where the block has none. Without an enabled block with a token the API port is not opened at all
 * ({@code server.port=-1}); the actuator keeps its own port either way.
 */
public final class ApiListenAddress implements EnvironmentPostProcessor {

    static final String DEFAULT_HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8741;

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        DuctorHome home = DuctorHome.resolve(environment.getProperty("ductor.home"), System.getenv());
        DuctorConfig.Api api =
                new ConfigLoader(System.getenv()).load(home.configFile()).api();
        environment.getPropertySources().addFirst(new MapPropertySource("ductor-api-listen", listen(api)));
    }

    static Map<String, Object> listen(DuctorConfig.@org.jspecify.annotations.Nullable Api api) {
        Map<String, Object> properties = new HashMap<>();
        if (api == null || !api.serving()) {
            properties.put("server.port", -1);
            return properties;
        }
        String host = api.host();
        properties.put("server.address", host == null || host.isBlank() ? DEFAULT_HOST : host);
        properties.put("server.port", api.port() == null ? DEFAULT_PORT : api.port());
        return properties;
    }
}
