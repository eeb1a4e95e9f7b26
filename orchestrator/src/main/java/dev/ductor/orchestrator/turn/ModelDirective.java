package dev.ductor.orchestrator.turn;

import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A leading {@code @model} directive (behaviour §3.9): {@code @opus explain X} runs on opus, and the session
 * keeps opus afterwards. Only leading tokens count ("email @opus" is no directive); an unknown
 * {@code @word} stays in the text.
 */
record ModelDirective(@Nullable String model, String text) {

    private static final Pattern LEADING =
            Pattern.compile("^@([a-zA-Z][a-zA-Z0-9_.\\[\\]-]*)(?:=\\S+)?\\s+(.*)$", Pattern.DOTALL);

    static ModelDirective parse(String text, Predicate<String> knownModel) {
        var matcher = LEADING.matcher(text.strip());
        if (matcher.matches() && knownModel.test(matcher.group(1).toLowerCase(Locale.ROOT))) {
            String rest = matcher.group(2).strip();
            if (!rest.isEmpty()) {
                return new ModelDirective(matcher.group(1).toLowerCase(Locale.ROOT), rest);
            }
        }
        return new ModelDirective(null, text);
    }
}
