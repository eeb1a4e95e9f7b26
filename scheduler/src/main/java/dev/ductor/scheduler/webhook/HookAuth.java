package dev.ductor.scheduler.webhook;

import com.sun.net.httpserver.Headers;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Matcher;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A hook's authentication (behaviour §6.2), every secret compared in constant time. {@code bearer} (and any
 * unknown mode): exactly {@code Authorization: Bearer <token>}, the hook's token, or the global one only
 * when the hook has none. {@code hmac}: the signature from {@code hmac_header} (regex group 1, else
 * after the prefix), over the raw body or {@code "<prefix group 1>." + body}, sha1/sha256/sha512 in hex or
 * base64. Presets: GitHub ({@code X-Hub-Signature-256}, the defaults), Stripe ({@code Stripe-Signature},
 * prefix "", regex {@code v1=([a-f0-9]+)}, payload prefix regex {@code t=(\d+)}). A hook signed with
 * the {@code Stripe-Signature} header also has its {@code t=} timestamp checked: at most
 * {@link #STRIPE_TOLERANCE} from now, as Stripe recommends against replays.
 */
public final class HookAuth {

    static final Duration STRIPE_TOLERANCE = Duration.ofMinutes(5);

    private HookAuth() {}

    static boolean authorized(Hook hook, Headers headers, byte[] body, String globalToken, Instant now) {
        return hook.authMode().equals("hmac")
                ? hmac(hook, headers.getFirst(hook.hmacHeader() == null ? "" : hook.hmacHeader()), body, now)
                : bearer(hook, headers.getFirst("Authorization"), globalToken);
    }

    static boolean bearer(Hook hook, @Nullable String header, String globalToken) {
        String expected = hook.token() != null ? hook.token() : globalToken;
        if (expected.isEmpty() || header == null) {
            return false;
        }
        return MessageDigest.isEqual(
                header.getBytes(StandardCharsets.UTF_8), ("Bearer " + expected).getBytes(StandardCharsets.UTF_8));
    }

    static boolean hmac(Hook hook, @Nullable String header, byte[] body, Instant now) {
        if (header == null || hook.hmacSecret() == null || hook.hmacHeader() == null || hook.regexBroken()) {
            return false;
        }
        String signature;
        if (hook.hmacSigRegex() != null) {
            Matcher m = hook.hmacSigRegex().matcher(header);
            if (!m.find() || m.groupCount() < 1 || m.group(1) == null) {
                return false;
            }
            signature = m.group(1);
        } else {
            if (!header.startsWith(hook.hmacSigPrefix())) {
                return false;
            }
            signature = header.substring(hook.hmacSigPrefix().length());
        }
        byte[] signed = body;
        if (hook.hmacPayloadPrefixRegex() != null) {
            Matcher m = hook.hmacPayloadPrefixRegex().matcher(header);
            if (!m.find() || m.groupCount() < 1 || m.group(1) == null) {
                return false;
            }
            if (stripe(hook) && !recent(m.group(1), now)) {
                return false;
            }
            byte[] prefix = (m.group(1) + ".").getBytes(StandardCharsets.UTF_8);
            signed = new byte[prefix.length + body.length];
            System.arraycopy(prefix, 0, signed, 0, prefix.length);
            System.arraycopy(body, 0, signed, prefix.length, body.length);
        }
        byte[] expected = sign(hook.hmacAlgorithm(), hook.hmacSecret(), signed);
        String encoded = hook.hmacEncoding().equals("base64")
                ? Base64.getEncoder().encodeToString(expected)
                : HexFormat.of().formatHex(expected);
        String given = hook.hmacEncoding().equals("base64")
                ? signature.trim()
                : signature.trim().toLowerCase(Locale.ROOT);
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), encoded.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean stripe(Hook hook) {
        return "stripe-signature".equalsIgnoreCase(hook.hmacHeader());
    }

    private static boolean recent(String epochSeconds, Instant now) {
        try {
            Instant signedAt = Instant.ofEpochSecond(Long.parseLong(epochSeconds));
            return Duration.between(signedAt, now).abs().compareTo(STRIPE_TOLERANCE) <= 0;
        } catch (NumberFormatException | DateTimeException e) {
            return false;
        }
    }

    /** The HMAC of {@code payload} with {@code secret}; {@code sha1}, {@code sha512}, else SHA-256 (also for {@code webhook_test}). */
    public static byte[] sign(String algorithm, String secret, byte[] payload) {
        String name = switch (algorithm.toLowerCase(Locale.ROOT)) {
            case "sha1" -> "HmacSHA1";
            case "sha512" -> "HmacSHA512";
            default -> "HmacSHA256";
        };
        try {
            Mac mac = Mac.getInstance(name);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), name));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(name + " is not available", e);
        }
    }
}
