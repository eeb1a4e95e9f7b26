package dev.ductor.orchestrator.i18n;

import dev.ductor.config.ConfigStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * ductor's {@code t(key, **vars)} (behaviour Appendix A): the text of a key in the language config.json names
 * now, its {@code {name}} placeholders filled. The language is read at every lookup, so a change of
 * {@code language} applies to the next text without a restart (behaviour §7.3); an unsupported language is
 * English, with one warning.
 */
@Component
public class I18n {

    private static final Logger log = LoggerFactory.getLogger(I18n.class);
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z_][a-z0-9_]*)}");

    private final Supplier<String> language;
    private final Map<String, Catalogue> catalogues = new ConcurrentHashMap<>();
    private final Map<String, Boolean> warned = new ConcurrentHashMap<>();

    @Autowired
    I18n(ConfigStore config) {
        this(() -> config.current().language());
    }

    public I18n(Supplier<String> language) {
        this.language = language;
    }

    /** Texts in one fixed language, for code and tests outside the live configuration. */
    public static I18n of(String language) {
        return new I18n(() -> language);
    }

    public static I18n english() {
        return of(Catalogue.ENGLISH);
    }

    /** The catalogue of the configured language. */
    public Catalogue catalogue() {
        String wanted = language.get();
        if (wanted == null || wanted.isBlank()) {
            wanted = Catalogue.ENGLISH; // "language": null or "" in config.json
        }
        if (!Catalogue.supported(wanted) && warned.putIfAbsent(wanted, true) == null) {
            log.warn("language \"{}\" is not one of {}; the texts are English", wanted, Catalogue.LANGUAGES);
        }
        String effective = Catalogue.supported(wanted) ? wanted : Catalogue.ENGLISH;
        return catalogues.computeIfAbsent(effective, Catalogue::load);
    }

    /**
     * The text of {@code key} with its placeholders filled from {@code vars}, given as name, value,
     * name, value…; a placeholder without a value stays as it is.
     */
    public String t(String key, Object... vars) {
        return fill(catalogue().text(key), vars);
    }

    /** ductor's {@code t_plural}: {@code key_one} for 1, else {@code key_other}; {@code {count}} is n. */
    public String plural(String key, long n, Object... vars) {
        Object[] all = new Object[vars.length + 2];
        all[0] = "count";
        all[1] = n;
        System.arraycopy(vars, 0, all, 2, vars.length);
        return t(key + (n == 1 ? "_one" : "_other"), all);
    }

    static String fill(String text, Object... vars) {
        if (vars.length % 2 != 0) {
            throw new IllegalArgumentException("Text variables come as name, value pairs");
        }
        if (vars.length == 0 || text.indexOf('{') < 0) {
            return text;
        }
        Map<String, String> values = new java.util.HashMap<>();
        for (int i = 0; i < vars.length; i += 2) {
            values.put(String.valueOf(vars[i]), String.valueOf(vars[i + 1]));
        }
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            m.appendReplacement(out, Matcher.quoteReplacement(value != null ? value : m.group()));
        }
        m.appendTail(out);
        return out.toString();
    }
}
