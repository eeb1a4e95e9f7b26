package dev.ductor.orchestrator.status;

import dev.ductor.config.ConfigStore;
import dev.ductor.model.RunnerStatus;
import dev.ductor.orchestrator.i18n.CommandMenu;
import dev.ductor.orchestrator.reply.Texts;
import dev.ductor.orchestrator.run.Runners;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.springframework.stereotype.Component;

/**
 * {@code /help} (spec §2.3), the welcome of {@code /start} (spec §2.2, as text) and the answer to a
 * {@code /command} this bot does not have: ductor drops those silently, here the user learns why nothing
 * happened instead.
 */
@Component
public class ShowingHelp {

    /** ductor's commands this bot does not offer (yet): named sessions, tasks, files, upgrades, sub-agents. */
    private static final Set<String> NOT_AVAILABLE = Set.of(
            "session",
            "sessions",
            "tasks",
            "showfiles",
            "files",
            "info",
            "upgrade",
            "agents",
            "agent_commands",
            "agent_start",
            "agent_stop",
            "agent_restart",
            "effort");

    /** Commands answered in private chats only; elsewhere they are ignored, not unknown. */
    private static final Set<String> PRIVATE_ONLY = Set.of("where", "leave");

    /** A first token that Telegram shows as a command: {@code /name} or {@code /name@bot}. */
    private static final Pattern COMMAND = Pattern.compile("/([A-Za-z0-9_]{1,32})(@\\w+)?");

    private static final List<List<String>> CATEGORIES = List.of(
            List.of("help.cat_daily", "new", "reset", "stop", "interrupt", "stop_all", "model", "status", "memory"),
            List.of("help.cat_automation", "cron"),
            List.of("help.cat_browse", "where", "leave", "help"),
            List.of("help.cat_maintenance", "diagnose", "restart"));

    private final Texts texts;
    private final ConfigStore config;
    private final Runners runners;

    ShowingHelp(Texts texts, ConfigStore config, Runners runners) {
        this.texts = texts;
        this.config = config;
        this.runners = runners;
    }

    public String help() {
        var catalogue = texts.i18n().catalogue();
        List<String> blocks = new ArrayList<>();
        for (List<String> category : CATEGORIES) {
            List<String> lines = new ArrayList<>();
            lines.add(texts.t(category.getFirst()));
            for (String command : category.subList(1, category.size())) {
                String description = catalogue.command(command);
                lines.add(description == null ? "/" + command : "/" + command + " -- " + description);
            }
            blocks.add(String.join("\n", lines));
        }
        return Texts.fmt(
                texts.t("help.header"), Texts.SEP, String.join("\n", blocks), Texts.SEP, texts.t("help.footer"));
    }

    public String welcome(String firstName) {
        var authenticated = new TreeSet<String>();
        for (RunnerStatus status : runners.alive()) {
            status.providers().stream()
                    .filter(RunnerStatus.ProviderStatus::authenticated)
                    .forEach(p -> authenticated.add(p.provider()));
        }
        String auth = authenticated.isEmpty()
                ? texts.t("welcome.no_auth")
                : texts.t(
                        "welcome.auth_line",
                        "providers",
                        String.join(
                                " + ",
                                authenticated.stream()
                                        .map(ShowingHelp::productName)
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

    /** The welcome's quick-start buttons (spec §2.2): {@code w:1..3}, one per row. */
    public List<List<dev.ductor.model.Button>> welcomeButtons() {
        return List.of(
                List.of(new dev.ductor.model.Button(texts.t("welcome.btn_know"), "w:1")),
                List.of(new dev.ductor.model.Button(texts.t("welcome.btn_system"), "w:2")),
                List.of(new dev.ductor.model.Button(texts.t("welcome.btn_who"), "w:3")));
    }

    /** The prompt a welcome button runs as the user's turn, or empty for an unknown one. */
    public Optional<String> welcomePrompt(String data) {
        return switch (data) {
            case "w:1" -> Optional.of(texts.t("welcome.prompt_know"));
            case "w:2" -> Optional.of(texts.t("welcome.prompt_system"));
            case "w:3" -> Optional.of(texts.t("welcome.prompt_who"));
            default -> Optional.empty();
        };
    }

    /**
     * The answer to a message whose first word is a {@code /command} nobody handled, or empty when the
     * message is no command (it goes to the agent then).
     */
    public Optional<String> unknownCommand(String text) {
        String first = text.strip().split("\\s+", 2)[0];
        var m = COMMAND.matcher(first);
        if (!m.matches()) {
            return Optional.empty();
        }
        String name = m.group(1).toLowerCase(Locale.ROOT);
        if (CommandMenu.COMMANDS.contains(name) || PRIVATE_ONLY.contains(name)) {
            return Optional.empty(); // handled elsewhere (/where and /leave in private chats only)
        }
        return Optional.of(
                NOT_AVAILABLE.contains(name)
                        ? texts.t("help.not_available", "command", "/" + name)
                        : texts.t("help.unknown_command", "command", "/" + name));
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
