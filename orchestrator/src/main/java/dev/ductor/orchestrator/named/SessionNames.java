package dev.ductor.orchestrator.named;

import java.security.SecureRandom;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * ductor's session names (behaviour §5.6): a random adjective and noun from fixed lists ({@code redowl}),
 * unique among the chat's active sessions: 50 draws, then one draw with a digit suffix 2..99.
 */
final class SessionNames {

    static final List<String> ADJECTIVES = List.of(
            "bold", "blue", "calm", "cool", "dark", "deep", "fast", "firm", "glad", "gold", "keen", "kind", "late",
            "lean", "live", "long", "loud", "mint", "neat", "next", "pale", "pure", "rare", "real", "red", "rich",
            "safe", "slim", "soft", "tall", "tidy", "tiny", "true", "vast", "warm", "wild", "wise", "wry", "zen",
            "zinc");

    static final List<String> NOUNS = List.of(
            "ant", "ape", "bat", "bay", "bee", "cat", "cod", "cow", "cub", "doe", "eel", "elk", "elm", "emu", "fin",
            "fly", "fox", "gem", "gnu", "gull", "hare", "hawk", "ibis", "jay", "koi", "lark", "lynx", "mole", "moth",
            "newt", "oak", "orb", "orca", "owl", "paw", "pike", "puma", "ray", "seal", "star", "swan", "toad", "vole",
            "wasp", "wolf", "wren", "yak");

    private static final int ATTEMPTS = 50;

    private final RandomGenerator random;

    SessionNames() {
        this(new SecureRandom());
    }

    SessionNames(RandomGenerator random) {
        this.random = random;
    }

    String generate(Set<String> taken) {
        for (int i = 0; i < ATTEMPTS; i++) {
            String name = draw();
            if (!taken.contains(name)) {
                return name;
            }
        }
        String base = draw();
        for (int i = 2; i < 100; i++) {
            if (!taken.contains(base + i)) {
                return base + i;
            }
        }
        throw new IllegalStateException("Could not generate a unique session name");
    }

    private String draw() {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + NOUNS.get(random.nextInt(NOUNS.size()));
    }
}
