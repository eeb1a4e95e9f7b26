package dev.ductor.logging;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Masks secrets in text bound for a log: a Telegram bot token in its URL form ({@code bot<digits>:<token>})
 * or bare ({@code <digits>:<35 characters>}), every secret the configuration registered ({@link #register}),
 * and the values of the process's environment variables named like secrets ({@code *TOKEN*},
 * {@code *PASSWORD*}, {@code *SECRET*}, {@code *_KEY}). A backstop: code still must not log secrets.
 */
public final class SecretMasking {

    static final String MASK = "***";

    /** Shorter values are not masked: they would blank out ordinary words ("guest"). */
    static final int MIN_SECRET_LENGTH = 8;

    private static final Pattern BOT_URL_TOKEN = Pattern.compile("(bot\\d+):[A-Za-z0-9_-]+");
    private static final Pattern BARE_BOT_TOKEN = Pattern.compile("\\b(\\d{5,}):[A-Za-z0-9_-]{30,}");
    private static final Pattern SECRET_NAME =
            Pattern.compile("(?i).*(TOKEN|PASSWORD|PASSWD|SECRET|_KEY|CREDENTIALS).*");

    private static final Set<String> SECRETS = ConcurrentHashMap.newKeySet();

    static {
        registerEnvironment(System.getenv());
    }

    private SecretMasking() {}

    /** Masks these values from now on (null, blank and short values are ignored). */
    public static void register(Collection<? extends @Nullable String> secrets) {
        for (String secret : secrets) {
            if (secret != null && secret.strip().length() >= MIN_SECRET_LENGTH) {
                SECRETS.add(secret.strip());
            }
        }
    }

    static void registerEnvironment(Map<String, String> environment) {
        register(environment.entrySet().stream()
                .filter(e -> SECRET_NAME.matcher(e.getKey()).matches())
                .map(Map.Entry::getValue)
                .toList());
    }

    public static String mask(String text) {
        String masked = BOT_URL_TOKEN.matcher(text).replaceAll("$1:" + MASK);
        masked = BARE_BOT_TOKEN.matcher(masked).replaceAll("$1:" + MASK);
        for (String secret : List.copyOf(SECRETS)) {
            if (masked.contains(secret)) {
                masked = masked.replace(secret, MASK);
            }
        }
        return masked;
    }
}
