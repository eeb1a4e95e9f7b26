package dev.ductor.gateway.matrix.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.logging.SecretMasking;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class HttpMatrixPortTest {

    @Test
    void theAccessTokenOfALoginIsMaskedInTheLog() {
        HttpMatrixPort port =
                new HttpMatrixPort("http://127.0.0.1:9", new MatrixMetrics(new SimpleMeterRegistry()), 100);
        String token = "syt_ZHVjdG9y_loggedInWithAPassword_1a2b3c";

        port.authenticate(new Credentials("@bot:example.org", "DEV1", token, "http://127.0.0.1:9"));

        assertThat(SecretMasking.mask("GET /sync failed, token " + token)).doesNotContain(token);
    }
}
