package dev.ductor.orchestrator.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class I18nTest {

    @Test
    void fillsNamedPlaceholdersAndLeavesUnknownOnes() {
        assertThat(I18n.fill("{a} and {b}, {a} again", "a", 1, "b", "two")).isEqualTo("1 and two, 1 again");
        assertThat(I18n.fill("cost ${cost} {missing}", "cost", "0.5")).isEqualTo("cost $0.5 {missing}");
        assertThat(I18n.fill("$1 \\ {x}", "x", "$2 \\ y")).isEqualTo("$1 \\ $2 \\ y");
        assertThatThrownBy(() -> I18n.fill("{a}", "a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void followsTheConfiguredLanguageAtEveryLookup() {
        var language = new AtomicReference<>("en");
        var i18n = new I18n(language::get);
        assertThat(i18n.t("interrupt.done", "count", 2)).isEqualTo("Interrupted 2 process(es).");
        language.set("de");
        assertThat(i18n.t("interrupt.done", "count", 2))
                .isNotEqualTo("Interrupted 2 process(es).")
                .contains("2");
        language.set("klingon");
        assertThat(i18n.t("interrupt.done", "count", 2)).isEqualTo("Interrupted 2 process(es).");
    }

    @Test
    void pluralsPickOneOrOther() {
        var i18n = I18n.of("de");
        assertThat(i18n.plural("model.resume_msg", 1))
                .isEqualTo(Catalogue.load("de").text("model.resume_msg_one"));
        assertThat(i18n.plural("model.resume_msg", 0))
                .isEqualTo(Catalogue.load("de").text("model.resume_msg_other"));
        assertThat(i18n.plural("model.resume_msg", 7))
                .isEqualTo(Catalogue.load("de").text("model.resume_msg_other"));
        assertThat(Catalogue.load("de").text("model.resume_msg_one"))
                .isNotEqualTo(Catalogue.load("de").text("model.resume_msg_other"));
        // ductor's English keeps "message(s)" (behaviour §2.12)
        assertThat(I18n.english()
                        .t(
                                "model.resume_hint",
                                "sid",
                                "s",
                                "count",
                                1,
                                "label",
                                I18n.english().plural("model.resume_msg", 1),
                                "model",
                                "opus"))
                .contains("You have already sent 1 message(s) in this provider session.");
    }

    @Test
    void aNullOrBlankLanguageIsEnglish() {
        assertThat(new I18n(() -> null).t("stop.nothing")).isEqualTo("Nothing running right now.");
        assertThat(new I18n(() -> " ").t("stop.nothing")).isEqualTo("Nothing running right now.");
    }
}
