package dev.ductor.logging;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.config.ConfigLoader;
import dev.ductor.config.ConfigStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.mock.env.MockEnvironment;

class SecretMaskingTest {

    private static final String TOKEN = "7355608:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw";

    @Test
    void masksBotTokensInUrlsAndBare() {
        assertThat(SecretMasking.mask("GET https://api.telegram.org/bot123:abc-DEF_1/getFile failed"))
                .isEqualTo("GET https://api.telegram.org/bot123:***/getFile failed");
        assertThat(SecretMasking.mask("token " + TOKEN + " rejected")).isEqualTo("token 7355608:*** rejected");
        assertThat(SecretMasking.mask("tg:-1001234567890:42 and run-1:append:7 stay"))
                .isEqualTo("tg:-1001234567890:42 and run-1:append:7 stay");
    }

    @Test
    void masksRegisteredSecretsAndSecretLookingEnvironmentValues() {
        SecretMasking.register(List.of("gemini-key-0123456789", "short"));
        SecretMasking.registerEnvironment(Map.of(
                "SPRING_RABBITMQ_PASSWORD",
                "broker-pass-42",
                "OPENAI_API_KEY",
                "sk-openai-abcdef",
                "PATH",
                "/usr/bin"));

        assertThat(SecretMasking.mask("key gemini-key-0123456789, short, broker-pass-42, sk-openai-abcdef, /usr/bin"))
                .isEqualTo("key ***, short, ***, ***, /usr/bin");
    }

    @Test
    void theConfigurationsSecretsAreMaskedOnceItIsLoaded(@TempDir Path home) throws IOException {
        Path file = home.resolve("config/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, """
                {"gemini_api_key": "AIza-config-gemini-key", "matrix": {"access_token": "syt_matrix_token_1"},
                 "webhooks": {"token": "webhook-global-token-1"}}
                """);

        new ConfigStore(new ConfigLoader(Map.of("DUCTOR_TELEGRAM_TOKEN", "99:config-token-value")), file);

        assertThat(SecretMasking.mask(
                        "AIza-config-gemini-key syt_matrix_token_1 99:config-token-value webhook-global-token-1"))
                .isEqualTo("*** *** *** ***");
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void everyServicesLogMasksMessagesAndStackTraces(CapturedOutput output) {
        LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
        logging.beforeInitialize();
        logging.initialize(
                new LoggingInitializationContext(new MockEnvironment()), "classpath:logback-spring.xml", null);
        try {
            Logger log = LoggerFactory.getLogger("dev.ductor.logging.test");
            log.warn("Download of https://api.telegram.org/file/bot{}/photos/1.jpg failed", TOKEN);
            log.error(
                    "Cannot download",
                    new IOException("GET https://api.telegram.org/file/bot" + TOKEN + "/x.png: 502"));

            assertThat(output.getOut())
                    .contains("Download of https://api.telegram.org/file/bot7355608:***/photos/1.jpg failed")
                    .contains("java.io.IOException: GET https://api.telegram.org/file/bot7355608:***/x.png: 502")
                    .doesNotContain("AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw");
        } finally {
            logging.cleanUp();
        }
    }
}
