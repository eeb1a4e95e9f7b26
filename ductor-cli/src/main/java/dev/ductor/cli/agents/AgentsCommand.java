package dev.ductor.cli.agents;

import dev.ductor.cli.Cancelled;
import dev.ductor.cli.Console;
import dev.ductor.cli.Context;
import dev.ductor.cli.DuctorCommand;
import dev.ductor.cli.LocalClis;
import dev.ductor.cli.UserError;
import dev.ductor.cli.onboarding.TelegramBotCheck;
import dev.ductor.config.DuctorConfig;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code ductor agents list|add|remove} (behaviour §11.3): sub-agents in {@code DUCTOR_HOME/agents.json}.
 * The orchestrator and the Telegram gateway watch the file and start, stop or restart the agents it names
 * (behaviour §5.8).
 */
@Command(name = "agents", description = "List, add or remove sub-agents (agents.json).")
public final class AgentsCommand implements Runnable {

    static final Pattern NAME = dev.ductor.agents.AgentsFile.NAME;

    @ParentCommand
    DuctorCommand root;

    @Override
    public void run() {
        list();
    }

    private Context context() {
        return root.context();
    }

    private AgentsFile file() {
        return new AgentsFile(context().home().root().resolve("agents.json"));
    }

    @Command(name = "list", description = "The sub-agents in agents.json.")
    public int list() {
        Console console = context().console();
        List<ObjectNode> entries = file().entries();
        if (entries.isEmpty()) {
            console.println("No sub-agents (" + file().path() + "). Add one with `ductor agents add <name>`.");
            return 0;
        }
        console.println("Sub-agents in " + file().path() + ":");
        for (ObjectNode entry : entries) {
            String provider = entry.path("provider").asString("");
            String model = entry.path("model").asString("");
            console.println(String.format(
                    Locale.ROOT,
                    "  %-16s %-8s users %s%s",
                    entry.path("name").asString("?"),
                    entry.path("transport").asString("telegram"),
                    entry.path("allowed_user_ids"),
                    provider.isEmpty() && model.isEmpty()
                            ? ""
                            : ", " + (provider.isEmpty() ? "" : provider + " ") + model));
        }
        file().problem()
                .ifPresent(problem ->
                        console.println("The services refuse this file and keep the agents they run: " + problem));
        return 0;
    }

    @Command(name = "add", description = "Add a sub-agent; asks for its transport, credentials and allowlists.")
    public int add(@Parameters(paramLabel = "<name>", description = "lowercase: a-z, 0-9, _ and -") String name) {
        if (!NAME.matcher(name).matches()) {
            throw new UserError("Invalid agent name '" + name + "': use lowercase letters, digits, _ and - only.");
        }
        if (name.equals("main")) {
            throw new UserError("'main' is the main agent's name; choose another one.");
        }
        if (file().find(name).isPresent()) {
            throw new UserError("An agent named '" + name + "' exists already (`ductor agents remove " + name + "`).");
        }
        DuctorConfig main =
                context().hasConfig() ? context().configLoader().read(context().configFile()) : null;
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        ObjectNode entry = nodes.objectNode();
        entry.put("name", name);
        String transport =
                choose("Transport, telegram or matrix [telegram]:", List.of("telegram", "matrix"), "telegram");
        entry.put("transport", transport);
        if (transport.equals("telegram")) {
            String apiUrl = main == null ? "https://api.telegram.org" : main.telegramApiUrl();
            entry.put(
                    "telegram_token",
                    new TelegramBotCheck(apiUrl)
                            .askUntilValid(context().console(), "Bot token of the new agent (from @BotFather):"));
            entry.set(
                    "allowed_user_ids",
                    ids(
                            "Allowed user ids, comma separated" + (main == null ? "" : " " + main.allowedUserIds())
                                    + ":",
                            main == null ? null : main.allowedUserIds()));
            entry.set("allowed_group_ids", ids("Allowed group ids, comma separated (empty: none):", List.of()));
        } else {
            ObjectNode matrix = nodes.objectNode();
            matrix.put("homeserver", required("Matrix homeserver URL (https://…):"));
            matrix.put("user_id", required("Bot user id (@bot:server):"));
            matrix.put("password", required("Bot password:"));
            matrix.set("allowed_users", strings("Allowed Matrix users, comma separated (@you:server):"));
            matrix.set("allowed_rooms", strings("Allowed rooms, comma separated (empty: all rooms of allowed users):"));
            entry.set("matrix", matrix);
        }
        String provider = choose(
                "Provider, " + String.join("/", LocalClis.NAMES) + " (empty: the main agent's):", LocalClis.NAMES, "");
        if (!provider.isEmpty()) {
            entry.put("provider", provider);
        }
        String model = ask("Model (empty: the provider's default):");
        if (!model.isEmpty()) {
            entry.put("model", model);
        }
        file().add(entry);
        context().console().println("Added '" + name + "' to " + file().path() + ".");
        return 0;
    }

    @Command(name = "remove", description = "Remove a sub-agent from agents.json (its folder is kept).")
    public int remove(@Parameters(paramLabel = "<name>") String name) {
        if (!file().remove(name)) {
            throw new UserError("No agent named '" + name + "' in " + file().path() + ".");
        }
        context()
                .console()
                .println("Removed '" + name + "' from " + file().path() + "; "
                        + context().home().root().resolve("agents").resolve(name) + " is kept.");
        return 0;
    }

    private ArrayNode ids(String prompt, List<Long> fallback) {
        while (true) {
            String raw = ask(prompt);
            ArrayNode ids = JsonNodeFactory.instance.arrayNode();
            if (raw.isEmpty() && fallback != null) {
                fallback.forEach(ids::add);
                return ids;
            }
            try {
                for (String part : raw.split(",")) {
                    if (!part.isBlank()) {
                        ids.add(Long.parseLong(part.strip()));
                    }
                }
                return ids;
            } catch (NumberFormatException e) {
                context().console().println("Ids are numbers separated by commas, e.g. 123456789, 987654321.");
            }
        }
    }

    private ArrayNode strings(String prompt) {
        ArrayNode values = JsonNodeFactory.instance.arrayNode();
        for (String part : ask(prompt).split(",")) {
            if (!part.isBlank()) {
                values.add(part.strip());
            }
        }
        return values;
    }

    private String choose(String prompt, List<String> choices, String fallback) {
        while (true) {
            String answer = ask(prompt).toLowerCase(Locale.ROOT);
            if (answer.isEmpty()) {
                return fallback;
            }
            if (choices.contains(answer)) {
                return answer;
            }
            context().console().println("Choose one of " + String.join(", ", choices) + ".");
        }
    }

    private String required(String prompt) {
        while (true) {
            String answer = ask(prompt);
            if (!answer.isEmpty()) {
                return answer;
            }
            context().console().println("This one is needed.");
        }
    }

    private String ask(String prompt) {
        return context().console().ask(prompt).orElseThrow(Cancelled::new);
    }
}
