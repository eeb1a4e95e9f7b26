package dev.ductor.gateway.api.crypto;

import com.goterl.lazysodium.LazySodiumJava;
import com.goterl.lazysodium.SodiumJava;
import com.goterl.lazysodium.interfaces.Box.Native;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import org.jspecify.annotations.Nullable;

/**
 * One connection's end-to-end encryption (behaviour §10): libsodium's {@code crypto_box}
 * (X25519, XSalsa20-Poly1305; PyNaCl's {@code Box}, which ductor's clients use) between a key pair made for
 * this connection and the client's public key from its auth frame. A frame is the Base64 of the 24-byte
 * random nonce followed by the ciphertext (MAC first), as PyNaCl's {@code Box.encrypt} writes it.
 */
public final class Box {

    public static final int KEY_BYTES = 32;
    private static final int NONCE_BYTES = 24;
    private static final int MAC_BYTES = 16;
    private static final LazySodiumJava SODIUM = new LazySodiumJava(new SodiumJava());

    private final byte[] publicKey = new byte[KEY_BYTES];
    private final byte[] shared = new byte[KEY_BYTES];

    /**
     * A fresh key pair against {@code clientKey} (Base64 of 32 bytes).
     *
     * @throws IllegalArgumentException when the key is not Base64 of 32 bytes
     */
    public Box(String clientKey) {
        this(null, null, clientKey);
    }

    /** With a given key pair (the tests' fixed vectors); a new one when {@code secretKey} is null. */
    Box(byte @Nullable [] secretKey, byte @Nullable [] ownPublicKey, String clientKey) {
        byte[] peer = decode(clientKey);
        if (peer.length != KEY_BYTES) {
            throw new IllegalArgumentException("a Curve25519 public key has 32 bytes, not " + peer.length);
        }
        byte[] secret = secretKey != null ? secretKey.clone() : new byte[KEY_BYTES];
        Native sodium = SODIUM;
        try {
            if (secretKey != null && ownPublicKey != null) {
                System.arraycopy(ownPublicKey, 0, publicKey, 0, KEY_BYTES);
            } else if (!sodium.cryptoBoxKeypair(publicKey, secret)) {
                throw new IllegalStateException("crypto_box_keypair failed");
            }
            if (!sodium.cryptoBoxBeforeNm(shared, peer, secret)) {
                throw new IllegalArgumentException("the key exchange failed");
            }
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    /** This side's public key, Base64, for the {@code auth_ok} frame. */
    public String publicKey() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    /** The frame of {@code json} under a fresh random nonce. */
    public String seal(String json) {
        return seal(json, SODIUM.randomBytesBuf(NONCE_BYTES));
    }

    String seal(String json, byte[] nonce) {
        byte[] message = json.getBytes(StandardCharsets.UTF_8);
        byte[] frame = new byte[NONCE_BYTES + MAC_BYTES + message.length];
        byte[] cipher = new byte[MAC_BYTES + message.length];
        if (!SODIUM.cryptoBoxEasyAfterNm(cipher, message, message.length, nonce, shared)) {
            throw new IllegalStateException("crypto_box_easy_afternm failed");
        }
        System.arraycopy(nonce, 0, frame, 0, NONCE_BYTES);
        System.arraycopy(cipher, 0, frame, NONCE_BYTES, cipher.length);
        return Base64.getEncoder().encodeToString(frame);
    }

    /**
     * The JSON text of an encrypted frame.
     *
     * @throws IllegalArgumentException when the frame is not Base64, too short, or fails authentication
     */
    public String open(String frame) {
        byte[] bytes = decode(frame.strip());
        if (bytes.length < NONCE_BYTES + MAC_BYTES) {
            throw new IllegalArgumentException("a frame is at least nonce and MAC long");
        }
        byte[] nonce = Arrays.copyOfRange(bytes, 0, NONCE_BYTES);
        byte[] cipher = Arrays.copyOfRange(bytes, NONCE_BYTES, bytes.length);
        byte[] message = new byte[cipher.length - MAC_BYTES];
        if (!SODIUM.cryptoBoxOpenEasyAfterNm(message, cipher, cipher.length, nonce, shared)) {
            throw new IllegalArgumentException("the frame does not authenticate");
        }
        return new String(message, StandardCharsets.UTF_8);
    }

    /** Standard Base64 (PyNaCl's encoder); the URL-safe alphabet is taken too. */
    private static byte[] decode(String base64) {
        String text = base64.strip();
        return text.indexOf('-') >= 0 || text.indexOf('_') >= 0
                ? Base64.getUrlDecoder().decode(text)
                : Base64.getDecoder().decode(text);
    }
}
