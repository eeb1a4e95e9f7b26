package dev.ductor.cli.agents;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.cli.Session;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Behaviour §11.3: `ductor agents list|add|remove` keep agents.json in ductor's format. */
class AgentsCommandTest {

    static final String AGENT_TOKEN = "555555555:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ";

    @TempDir
    Path tmp;

    FakeTelegram telegram;
    Session session;

    @BeforeEach
    void start() throws Exception {
        telegram = FakeTelegram.start(AGENT_TOKEN, "helper_bot");
        session = new Session(tmp);
        Path config = session.home().resolve("config/config.json");
        Files.createDirectories(config.getParent());
        Files.writeString(config, "{\"telegram_api_url\": \"" + telegram.baseUrl() + "\", \"allowed_user_ids\": [42]}");
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    private JsonNode agentsJson() throws Exception {
        return JsonMapper.builder()
                .build()
                .readTree(Files.readString(session.home().resolve("agents.json")));
    }

    @Test
    void addAsksChecksTheTokenAndAppendsAnEntryKeepingTheOthers() throws Exception {
        Files.writeString(session.home().resolve("agents.json"), """
                [{"name": "old", "transport": "telegram", "telegram_token": "1:x", "custom": true}]""");

        int code = session.run(
                List.of(
                        "",
                        "111:wrong",
                        "111111111:WrongWrongWrongWrongWrongWrongWrongWrong",
                        AGENT_TOKEN,
                        "",
                        "-100123",
                        "codex",
                        "gpt-5-codex"),
                "agents",
                "add",
                "helper");

        assertThat(code).isZero();
        assertThat(session.out())
                .contains("That is not a bot token")
                .contains("Telegram does not know this token (401)")
                .contains("Token accepted: this is @helper_bot.")
                .contains("Added 'helper'");
        JsonNode agents = agentsJson();
        assertThat(agents).hasSize(2);
        assertThat(agents.get(0).path("custom").asBoolean()).isTrue();
        JsonNode helper = agents.get(1);
        assertThat(helper.path("name").asString()).isEqualTo("helper");
        assertThat(helper.path("transport").asString()).isEqualTo("telegram");
        assertThat(helper.path("telegram_token").asString()).isEqualTo(AGENT_TOKEN);
        assertThat(helper.path("allowed_user_ids").toString()).isEqualTo("[42]");
        assertThat(helper.path("allowed_group_ids").toString()).isEqualTo("[-100123]");
        assertThat(helper.path("provider").asString()).isEqualTo("codex");
        assertThat(helper.path("model").asString()).isEqualTo("gpt-5-codex");

        assertThat(session.run("agents", "list")).isZero();
        assertThat(session.out()).containsPattern("helper +telegram +users \\[42\\], codex gpt-5-codex");
    }

    @Test
    void aMatrixAgentGetsItsMatrixBlock() throws Exception {
        int code = session.run(
                List.of("matrix", "https://matrix.example", "@bot:example", "pw", "@me:example", "", "", ""),
                "agents",
                "add",
                "mx-helper");

        assertThat(code).isZero();
        JsonNode entry = agentsJson().get(0);
        assertThat(entry.path("transport").asString()).isEqualTo("matrix");
        assertThat(entry.path("matrix").path("homeserver").asString()).isEqualTo("https://matrix.example");
        assertThat(entry.path("matrix").path("allowed_users").toString()).isEqualTo("[\"@me:example\"]");
        assertThat(entry.has("provider")).isFalse();
    }

    @Test
    void badNamesAreRefusedWithoutAsking() throws Exception {
        Files.writeString(session.home().resolve("agents.json"), "[{\"name\": \"taken\"}]");

        assertThat(session.run("agents", "add", "Bad Name")).isEqualTo(1);
        assertThat(session.run("agents", "add", "main")).isEqualTo(1);
        assertThat(session.run("agents", "add", "taken")).isEqualTo(1);

        assertThat(session.err())
                .contains("Invalid agent name 'Bad Name'")
                .contains("'main' is the main agent's name")
                .contains("An agent named 'taken' exists already");
        assertThat(telegram.requests("getMe")).isEmpty();
    }

    @Test
    void removeDropsTheEntryAndKeepsTheFolder() throws Exception {
        Files.writeString(session.home().resolve("agents.json"), "[{\"name\": \"a\"}, {\"name\": \"b\"}]");
        Files.createDirectories(session.home().resolve("agents/a"));

        assertThat(session.run("agents", "remove", "a")).isZero();
        assertThat(session.run("agents", "remove", "zzz")).isEqualTo(1);

        assertThat(agentsJson()).hasSize(1);
        assertThat(agentsJson().get(0).path("name").asString()).isEqualTo("b");
        assertThat(session.home().resolve("agents/a")).isDirectory();
        assertThat(session.err()).contains("No agent named 'zzz'");
    }

    @Test
    void listWithoutAgentsAndABrokenFileSayWhatToDo() throws Exception {
        assertThat(session.run("agents", "list")).isZero();
        assertThat(session.out()).contains("No sub-agents");

        Files.writeString(session.home().resolve("agents.json"), "{\"name\": 1}");
        assertThat(session.run("agents")).isEqualTo(1);
        assertThat(session.err()).contains("is not a JSON array of agents");
    }
}
