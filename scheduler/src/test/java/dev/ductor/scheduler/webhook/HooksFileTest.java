package dev.ductor.scheduler.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.logging.SecretMasking;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HooksFileTest {

    @TempDir
    Path home;

    @Test
    void theHooksSecretsAreMaskedInEveryLogLineOnceLoaded() throws Exception {
        Path file = home.resolve("webhooks.json");
        Files.writeString(file, """
                {"hooks": [
                  {"id": "own", "mode": "wake", "prompt_template": "p", "token": "hook-bearer-token-7781"},
                  {"id": "gh", "mode": "wake", "prompt_template": "p", "auth_mode": "hmac",
                   "hmac_secret": "whsec_hook_secret_5521", "hmac_header": "X-Hub-Signature-256"}
                ]}""");

        new HooksFile(file).reloadIfChanged();

        assertThat(SecretMasking.mask("token hook-bearer-token-7781 secret whsec_hook_secret_5521"))
                .isEqualTo("token *** secret ***");
    }
}
