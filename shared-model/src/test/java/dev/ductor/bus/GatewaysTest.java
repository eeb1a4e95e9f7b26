package dev.ductor.bus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class GatewaysTest {

    @Test
    void parsesTransportAndAgentAndSelectsByTransport() {
        var gateways = Gateways.parse(List.of("tg.main", "mx.main", " tg.research "));
        assertThat(gateways.of("tg"))
                .containsExactly(new Gateways.Address("tg", "main"), new Gateways.Address("tg", "research"));
        assertThat(gateways.of("api")).isEmpty();
    }

    @Test
    void refusesAnEntryWithoutTransportOrAgent() {
        for (String bad : List.of("tg", "tg.", ".main")) {
            assertThatThrownBy(() -> Gateways.parse(List.of(bad)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("<transport>.<agent>, got " + bad);
        }
    }
}
