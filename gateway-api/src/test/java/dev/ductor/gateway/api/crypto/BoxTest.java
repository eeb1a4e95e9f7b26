package dev.ductor.gateway.api.crypto;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The box against frames PyNaCl 1.5 made ({@code Box(client_sk, server_pk).encrypt(message, nonce)} and the
 * reverse, with the fixed keys and nonce below), so ductor's clients read what this side writes and the
 * other way round (behaviour §10).
 */
class BoxTest {

    private static final String CLIENT_PK = "B6N8vBQgk8i3VdwbEOhstCY3StFqqFPtC9/AsrhtHHw=";
    private static final String SERVER_PK = "VxR2nRFr92Q2rnS8eT0sMK0ZA8WaxSc4BcfiaYtBDDY=";
    private static final String SERVER_SK = "ZWZnaGlqa2xtbm9wcXJzdHV2d3h5ent8fX5/gIGCg4Q=";
    /** PyNaCl: the client's {"type":"message","text":"hi ä"} under nonce 00 01 … 17. */
    private static final String FROM_CLIENT =
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXtVgBGfb0Ah/i4BgqUEGLZHFzdQ81jbatjtM4OMc9XvEmCm2gibeXtgB4LoWT6PJhfA==";
    /** PyNaCl: the server's {"type":"abort_ok","killed":1} under the same nonce. */
    private static final String FROM_SERVER =
            "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXpVe3EfRDdz4em887YWTlvnFzdQ81jbatjt8/JMYoZvtvBGP2h6aP+F8+ZNaCVg==";

    private static byte[] nonce() {
        byte[] nonce = new byte[24];
        for (int i = 0; i < nonce.length; i++) {
            nonce[i] = (byte) i;
        }
        return nonce;
    }

    private static Box server() {
        return new Box(
                Base64.getDecoder().decode(SERVER_SK), Base64.getDecoder().decode(SERVER_PK), CLIENT_PK);
    }

    @Test
    void opensWhatPyNaclSealedForIt() {
        assertThat(server().open(FROM_CLIENT)).isEqualTo("{\"type\":\"message\",\"text\":\"hi ä\"}");
    }

    @Test
    void sealsExactlyAsPyNaclDoes() {
        assertThat(server().seal("{\"type\":\"abort_ok\",\"killed\":1}", nonce()))
                .isEqualTo(FROM_SERVER);
        assertThat(server().publicKey()).isEqualTo(SERVER_PK);
    }

    @Test
    void aFreshBoxUsesAFreshKeyAndNonceEachTime() {
        Box one = new Box(CLIENT_PK);
        Box two = new Box(CLIENT_PK);
        assertThat(one.publicKey()).isNotEqualTo(two.publicKey());
        assertThat(one.seal("{}")).isNotEqualTo(one.seal("{}"));
    }

    @Test
    void aTamperedFrameDoesNotOpen() {
        byte[] frame = Base64.getDecoder().decode(FROM_CLIENT);
        frame[frame.length - 1] ^= 1;
        String tampered = Base64.getEncoder().encodeToString(frame);
        assertThatThrownBy(() -> server().open(tampered)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server().open("AAEC")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> server().open("not base64 at all!")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aFrameForAnotherKeyDoesNotOpen() {
        Box other = new Box(SERVER_PK); // a box against a different client key
        assertThatThrownBy(() -> other.open(FROM_CLIENT)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aClientKeyMustBe32BytesOfBase64() {
        assertThatThrownBy(() -> new Box("c2hvcnQ=")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Box("%%%")).isInstanceOf(IllegalArgumentException.class);
    }
}
