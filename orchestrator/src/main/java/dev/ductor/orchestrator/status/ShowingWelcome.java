package dev.ductor.orchestrator.status;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.Button;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.runners.Runners;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The welcome of {@code /start} (behaviour §2.2, as text): the CLIs the live runners report logged in, and
 * three quick-start buttons whose canned prompts run as the user's turn.
 */
@Component
public class ShowingWelcome {

    private final Texts texts;
    private final ConfigStore config;
    private final Runners runners;

    ShowingWelcome(Texts texts, ConfigStore config, Runners runners) {
        this.texts = texts;
        this.config = config;
        this.runners = runners;
    }

    public String welcome(String firstName) {
        var authenticated = runners.loggedIn();
        String auth = authenticated.isEmpty()
                ? texts.t("welcome.no_auth")
                : texts.t(
                        "welcome.auth_line",
                        "providers",
                        String.join(
                                " + ",
                                authenticated.stream()
                                        .map(ShowingWelcome::productName)
                                        .toList()),
                        "model",
                        config.current().model());
        String name = firstName.isBlank() ? "" : ", " + firstName;
        return Texts.fmt(
                texts.t("welcome.header", "name", name),
                texts.t("welcome.tagline"),
                Texts.SEP,
                auth,
                Texts.SEP,
                texts.t("welcome.hint_model") + "\n" + texts.t("welcome.hint_help"));
    }

    /** The quick-start buttons: {@code w:1..3}, one per row. */
    public List<List<Button>> buttons() {
        return List.of(
                List.of(new Button(texts.t("welcome.btn_know"), "w:1")),
                List.of(new Button(texts.t("welcome.btn_system"), "w:2")),
                List.of(new Button(texts.t("welcome.btn_who"), "w:3")));
    }

    /** The prompt a quick-start button runs as the user's turn, or empty for an unknown one. */
    public Optional<String> prompt(String data) {
        return switch (data) {
            case "w:1" -> Optional.of(texts.t("welcome.prompt_know"));
            case "w:2" -> Optional.of(texts.t("welcome.prompt_system"));
            case "w:3" -> Optional.of(texts.t("welcome.prompt_who"));
            default -> Optional.empty();
        };
    }

    private static String productName(String provider) {
        return switch (provider) {
            case "claude" -> "Claude Code";
            case "codex" -> "Codex";
            case "gemini" -> "Gemini";
            default -> provider;
        };
    }
}
