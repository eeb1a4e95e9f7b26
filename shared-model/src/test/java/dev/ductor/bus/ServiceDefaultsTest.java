package dev.ductor.bus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.support.ResourcePropertySource;

/** The defaults every service gets from {@link BusAutoConfiguration}'s property source (lowest precedence). */
class ServiceDefaultsTest {

    private static StandardEnvironment environmentWith(String... overrides) throws IOException {
        var environment = new StandardEnvironment();
        var given = new java.util.HashMap<String, Object>();
        for (int i = 0; i < overrides.length; i += 2) {
            given.put(overrides[i], overrides[i + 1]);
        }
        environment.getPropertySources().addFirst(new MapPropertySource("compose", given));
        environment
                .getPropertySources()
                .addLast(new ResourcePropertySource("classpath:dev/ductor/bus/bus-defaults.properties"));
        return environment;
    }

    @Test
    void onBareMetalEveryServiceListensOnLoopbackAndHidesHealthDetails() throws IOException {
        var environment = environmentWith();

        assertThat(environment.getProperty("server.address")).isEqualTo("127.0.0.1");
        assertThat(environment.getProperty("management.endpoint.health.show-details"))
                .isEqualTo("when-authorized");
        assertThat(environment.getProperty("management.server.address")).isNull();
    }

    @Test
    void composeOverridesTheAddress() throws IOException {
        assertThat(environmentWith("server.address", "0.0.0.0").getProperty("server.address"))
                .isEqualTo("0.0.0.0");
    }
}
