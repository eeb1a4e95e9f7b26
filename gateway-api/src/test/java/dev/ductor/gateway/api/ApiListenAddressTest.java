package dev.ductor.gateway.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.DuctorConfig;
import org.junit.jupiter.api.Test;

/** behaviour §10: off unless enabled with a token; loopback and port 8741 unless the block says otherwise. */
class ApiListenAddressTest {

    @Test
    void withoutAnApiBlockTheApiPortIsNotOpened() {
        assertThat(ApiListenAddress.listen(null)).containsEntry("server.port", -1);
    }

    @Test
    void aDisabledBlockOrOneWithoutATokenOpensNothing() {
        assertThat(ApiListenAddress.listen(new DuctorConfig.Api(false, "0.0.0.0", 9000, "t0ken-t0ken", 0L, false)))
                .containsEntry("server.port", -1);
        assertThat(ApiListenAddress.listen(new DuctorConfig.Api(true, "0.0.0.0", 9000, " ", 0L, false)))
                .containsEntry("server.port", -1);
    }

    @Test
    void anEnabledBlockListensOnLoopbackAnd8741ByDefault() {
        assertThat(ApiListenAddress.listen(new DuctorConfig.Api(true, null, null, "t0ken-t0ken", null, false)))
                .containsEntry("server.address", "127.0.0.1")
                .containsEntry("server.port", 8741);
        assertThat(ApiListenAddress.listen(new DuctorConfig.Api(true, "100.64.0.7", 9000, "t0ken-t0ken", 0L, true)))
                .containsEntry("server.address", "100.64.0.7")
                .containsEntry("server.port", 9000);
    }
}
