package dev.ductor.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TransportAndChatTypeTest {

    @Test
    void busCodesMapToTheirTransportAndAnythingElseIsUnknown() {
        assertThat(Transport.of("tg")).isEqualTo(Transport.TELEGRAM);
        assertThat(Transport.of("mx")).isEqualTo(Transport.MATRIX);
        assertThat(Transport.of("api")).isEqualTo(Transport.API);
        assertThat(Transport.of("TG")).isEqualTo(Transport.UNKNOWN);
        assertThat(Transport.of("")).isEqualTo(Transport.UNKNOWN);
        assertThat(Transport.of("xmpp")).isEqualTo(Transport.UNKNOWN);
        assertThat(Transport.TELEGRAM.code()).isEqualTo("tg");
    }

    @Test
    void telegramsChatWordsMapToTheirTypeAndAnythingElseIsUnknown() {
        assertThat(ChatType.of("private")).isEqualTo(ChatType.PRIVATE);
        assertThat(ChatType.of("supergroup")).isEqualTo(ChatType.SUPERGROUP);
        assertThat(ChatType.of("Private")).isEqualTo(ChatType.UNKNOWN);
        assertThat(ChatType.of("channel")).isEqualTo(ChatType.CHANNEL);
        assertThat(ChatType.of("")).isEqualTo(ChatType.UNKNOWN);
        assertThat(ChatType.of("secret")).isEqualTo(ChatType.UNKNOWN);
        assertThat(ChatType.GROUP.group()).isTrue();
        assertThat(ChatType.SUPERGROUP.group()).isTrue();
        assertThat(ChatType.CHANNEL.group()).isFalse();
        assertThat(ChatType.UNKNOWN.group()).isFalse();
    }
}
