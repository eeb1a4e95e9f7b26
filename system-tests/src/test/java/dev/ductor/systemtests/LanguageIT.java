package dev.ductor.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.telegram.BotMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Behaviour scenario 76 through the whole stack: the bot's Telegram command menu is set at startup, and when
 * {@code language} in config.json becomes {@code de}, the menu is set again in German and the next
 * system text is German, without a restart. Texts are looked up in the product's own catalogue by key.
 */
@DuctorSystemTest
class LanguageIT {

    private final DuctorStack stack;

    LanguageIT(DuctorStack stack) {
        this.stack = stack;
    }

    @Test
    void aLanguageChangeResyncsTheCommandMenuAndTheTextsFollow() throws Exception {
        String englishNew = catalogue("en", "commands.toml", "bot", "new");
        String germanNew = catalogue("de", "commands.toml", "bot", "new");
        assertThat(germanNew).isNotEqualTo(englishNew);
        awaitMenu(englishNew);
        assertThat(stack.telegram().myCommands().get(0).get("command").asString())
                .isEqualTo("new");
        int syncs = stack.telegram().requests("setMyCommands").size();

        stack.telegram()
                .userMessage(DuctorStack.ALICE, DuctorStack.ALICE, "/stop")
                .send();
        awaitBotText(DuctorStack.ALICE, catalogue("en", "chat.toml", "stop", "nothing"));

        setLanguage("de");
        awaitMenu(germanNew);
        assertThat(stack.telegram().requests("setMyCommands")).hasSize(syncs + 1);
        for (JsonNode command : stack.telegram().myCommands()) {
            assertThat(command.get("description").asString())
                    .as("/%s", command.get("command").asString())
                    .isEqualTo(catalogue(
                            "de",
                            "commands.toml",
                            section(command),
                            command.get("command").asString()));
        }

        stack.telegram()
                .userMessage(DuctorStack.ALICE, DuctorStack.ALICE, "/stop")
                .send();
        awaitBotText(DuctorStack.ALICE, catalogue("de", "chat.toml", "stop", "nothing"));
    }

    /** The menu's section of a command: the multi-agent commands have their own (commands.toml). */
    private static String section(JsonNode command) {
        return Set.of("stop_all", "agents", "agent_start", "agent_stop", "agent_restart")
                        .contains(command.get("command").asString())
                ? "multiagent"
                : "bot";
    }

    private void awaitMenu(String newDescription) {
        await("the command menu with /new = " + newDescription)
                .atMost(Duration.ofSeconds(30))
                .until(() -> {
                    JsonNode commands = stack.telegram().myCommands();
                    for (JsonNode command : commands) {
                        if (command.get("command").asString().equals("new")) {
                            return command.get("description").asString().equals(newDescription);
                        }
                    }
                    return false;
                });
    }

    private void awaitBotText(long chatId, String text) {
        await("a message saying " + text).atMost(Duration.ofSeconds(30)).until(() -> {
            List<BotMessage> messages = ChatScript.botMessages(stack.telegram(), chatId);
            return messages.stream().anyMatch(m -> m.text().contains(text));
        });
    }

    private void setLanguage(String language) throws IOException {
        stack.editConfig(json -> json.put("language", language));
    }

    /**
     * A text of the product's catalogue ({@code orchestrator/src/main/resources/i18n}), by section and key:
     * the test reads the texts the orchestrator ships instead of repeating them.
     */
    static String catalogue(String language, String file, String section, String key) {
        Path root = Path.of(System.getProperty("ductor.jars.dir", ".."));
        Path path = root.resolve("orchestrator/src/main/resources/i18n")
                .resolve(language)
                .resolve(file);
        String toml;
        try {
            toml = Files.readString(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int start = toml.indexOf("\n[" + section + "]\n");
        assertThat(start).as("[%s] in %s", section, path).isNotNegative();
        int end = toml.indexOf("\n[", start + 1);
        String body = end < 0 ? toml.substring(start) : toml.substring(start, end);
        Matcher m = Pattern.compile("(?m)^" + Pattern.quote(key) + " = \"((?:[^\"\\\\]|\\\\.)*)\"$")
                .matcher(body);
        assertThat(m.find()).as("%s.%s in %s", section, key, path).isTrue();
        return m.group(1).replace("\\\"", "\"").replace("\\\\", "\\");
    }
}
