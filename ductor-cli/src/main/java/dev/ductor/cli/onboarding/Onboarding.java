package dev.ductor.cli.onboarding;

import dev.ductor.cli.Cancelled;
import dev.ductor.cli.Console;
import dev.ductor.cli.Context;
import dev.ductor.cli.LocalClis;
import dev.ductor.config.DuctorConfig;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The first-run wizard (behaviour §11.1): shows which CLIs are installed and logged in, asks for the bot
 * token (checked with {@code getMe}), the Telegram user id, the provider and the timezone, and writes
 * {@code config.json} through the services' own config classes. Every answer is checked; a bad one is
 * explained and asked again. The end of the input cancels without writing anything.
 */
public final class Onboarding {

    private final Context context;
    private final Console console;

    public Onboarding(Context context) {
        this.context = context;
        this.console = context.console();
    }

    /** Runs the wizard; the written configuration. */
    public DuctorConfig run() {
        console.println("ductor setup");
        console.println("============");
        console.println("No complete configuration at " + context.configFile() + " yet; a few questions set it up.");
        console.println("");

        List<LocalClis.Found> clis = new LocalClis(context).all();
        console.println("Coding-agent CLIs on this machine:");
        for (LocalClis.Found cli : clis) {
            console.println(String.format(Locale.ROOT, "  %-7s %s", cli.provider(), cli.describe()));
        }
        if (clis.stream().noneMatch(LocalClis.Found::loggedIn)) {
            console.println("None is logged in yet. ductor needs one: install it (bin/install-clis, or npm), log in,"
                    + " and it is used from the next turn on.");
        }
        console.println("");

        console.println("The agent runs with full permissions (permission_mode bypassPermissions): it can read,"
                + " change and delete files and run commands as your user without asking. The Docker sandbox"
                + " (`ductor docker enable`) isolates it from the host.");
        if (!yes(ask("I understand the risks and want to continue. [y/N]"))) {
            throw new Cancelled();
        }
        console.println("");

        String apiUrl =
                context.configLoader().defaults().path("telegram_api_url").asString();
        apiUrl = context.env().getOrDefault("DUCTOR_TELEGRAM_API_URL", apiUrl);
        console.println("Telegram bot token: open Telegram, talk to @BotFather, send /newbot and follow the steps;"
                + " it answers with the token (like 1234567890:ABCdefGHIjklMNOpqrsTUVwxyz...).");
        String token = new TelegramBotCheck(apiUrl).askUntilValid(console, "Paste your bot token:");
        console.println("");

        console.println("Your Telegram user id: talk to @userinfobot, send /start, it answers with your numeric id."
                + " Only this user can talk to the bot.");
        long userId = askUserId();
        console.println("");

        String provider = askProvider(clis);
        String zone = askTimezone();

        DuctorConfig written = context.configLoader().update(context.configFile(), tree -> {
            tree.put("telegram_token", token);
            tree.set("allowed_user_ids", JsonNodeFactory.instance.arrayNode().add(userId));
            tree.put("provider", provider);
            tree.put("model", defaultModel(provider));
            tree.put("user_timezone", zone);
        });
        console.println("");
        console.println("Saved " + context.configFile() + " (readable only by you; it holds the bot token).");
        return written;
    }

    private long askUserId() {
        while (true) {
            String raw = ask("Enter your numeric user ID:");
            long id;
            try {
                id = Long.parseLong(raw);
            } catch (NumberFormatException e) {
                console.println("Please enter a number (digits only), e.g. 123456789.");
                continue;
            }
            if (id <= 0) {
                console.println("A user ID is a positive number.");
                continue;
            }
            return id;
        }
    }

    private String askProvider(List<LocalClis.Found> clis) {
        String suggested = clis.stream()
                .filter(LocalClis.Found::loggedIn)
                .filter(LocalClis.Found::installed)
                .map(LocalClis.Found::provider)
                .findFirst()
                .orElse("claude");
        while (true) {
            String answer = ask("Which CLI answers your messages? " + String.join("/", LocalClis.NAMES) + " ["
                            + suggested + "]:")
                    .toLowerCase(Locale.ROOT);
            String provider = answer.isEmpty() ? suggested : answer;
            if (!LocalClis.NAMES.contains(provider)) {
                console.println(
                        "Unknown provider '" + answer + "': choose one of " + String.join(", ", LocalClis.NAMES) + ".");
                continue;
            }
            clis.stream()
                    .filter(cli -> cli.provider().equals(provider) && !cli.loggedIn())
                    .findFirst()
                    .ifPresent(cli -> console.println("Note: " + provider + " is " + cli.describe()
                            + "; turns fail until it is installed and logged in."));
            return provider;
        }
    }

    private String askTimezone() {
        String local = ZoneId.systemDefault().getId();
        while (true) {
            String answer = ask("Your timezone (for cron jobs, quiet hours, daily resets) [" + local + "]:");
            String zone = answer.isEmpty() ? local : answer;
            try {
                return ZoneId.of(zone).getId();
            } catch (DateTimeException e) {
                console.println("Unknown timezone '" + zone + "': use an IANA name such as Europe/Berlin or UTC.");
            }
        }
    }

    /** The model a fresh config starts with for {@code provider} (the orchestrator's defaults). */
    static String defaultModel(String provider) {
        return switch (provider) {
            case "gemini" -> "auto";
            case "codex" -> "gpt-5-codex";
            default -> "opus";
        };
    }

    private String ask(String prompt) {
        return console.ask(prompt).orElseThrow(Cancelled::new);
    }

    private static boolean yes(String answer) {
        return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
    }
}
