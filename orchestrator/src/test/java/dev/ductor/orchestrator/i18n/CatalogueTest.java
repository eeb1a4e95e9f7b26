package dev.ductor.orchestrator.i18n;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CatalogueTest {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{[a-z_][a-z0-9_]*}");
    private static final Pattern COMMAND = Pattern.compile("/[a-z_]+\\b");
    private static final Pattern CODE = Pattern.compile("`[^`]*`");

    static Set<String> languages() {
        return Set.copyOf(Catalogue.LANGUAGES);
    }

    @ParameterizedTest
    @MethodSource("languages")
    void everyLanguageHasEveryEnglishTextAndCommand(String language) {
        Catalogue english = Catalogue.load("en");
        Catalogue catalogue = Catalogue.load(language);
        assertThat(catalogue.language()).isEqualTo(language);
        assertThat(new TreeSet<>(catalogue.keys()))
                .as("the chat texts of %s", language)
                .isEqualTo(new TreeSet<>(english.keys()));
        assertThat(new TreeSet<>(catalogue.commands()))
                .as("the command descriptions of %s", language)
                .isEqualTo(new TreeSet<>(english.commands()));
    }

    /**
     * A translation keeps what the code fills in or the user types: the placeholders, the /commands and
     * the `code` spans (file names, CLI commands) of the English text.
     */
    @ParameterizedTest
    @MethodSource("languages")
    void translationsKeepPlaceholdersCommandsAndCode(String language) {
        Catalogue english = Catalogue.load("en");
        Catalogue catalogue = Catalogue.load(language);
        for (String key : english.keys()) {
            String source = english.text(key);
            String translated = catalogue.text(key);
            assertThat(all(PLACEHOLDER, translated))
                    .as("placeholders of %s in %s", key, language)
                    .isEqualTo(all(PLACEHOLDER, source));
            assertThat(all(COMMAND, translated))
                    .as("commands of %s in %s", key, language)
                    .containsAll(all(COMMAND, source));
            assertThat(all(CODE, translated))
                    .as("code of %s in %s", key, language)
                    .containsAll(all(CODE, source));
        }
    }

    @ParameterizedTest
    @MethodSource("languages")
    void commandDescriptionsFitTheMenu(String language) {
        Catalogue catalogue = Catalogue.load(language);
        for (String command : catalogue.commands()) {
            assertThat(catalogue.command(command))
                    .as("/%s in %s", command, language)
                    .isNotBlank()
                    .hasSizeLessThanOrEqualTo(40);
        }
    }

    @Test
    void anUnsupportedLanguageIsEnglish() {
        assertThat(Catalogue.load("xx").language()).isEqualTo("en");
        assertThat(Catalogue.load("xx").text("stop.header")).isEqualTo("**Agent Stopped**");
    }

    @Test
    void aKeyMissingEverywhereIsShownAsTheKey() {
        assertThat(Catalogue.load("de").text("no.such_key")).isEqualTo("no.such_key");
        assertThat(Catalogue.load("de").command("no_such_command")).isNull();
    }

    private static Set<String> all(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(r -> r.group()).collect(Collectors.toSet());
    }
}
