package dev.ductor.gateway.telegram.api;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TokenCheckTest {

    @Test
    void placeholdersAreRefused() {
        assertThat(TelegramApiConfiguration.isPlaceholder("")).isTrue();
        assertThat(TelegramApiConfiguration.isPlaceholder("YOUR_BOT_TOKEN")).isTrue();
        assertThat(TelegramApiConfiguration.isPlaceholder("<token>")).isTrue();
        assertThat(TelegramApiConfiguration.isPlaceholder("123456:ABC-def_ghi")).isFalse();
    }
}
