package dev.ductor.cli.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.cli.Session;
import dev.ductor.config.ConfigLoader;
import dev.ductor.config.DuctorConfig;
import dev.ductor.testkit.telegram.FakeTelegram;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour §11.1: `ductor` without a configuration walks through the setup as a terminal session. */
class OnboardingTest {

    static final String TOKEN = "123456789:AAbbCCddEEffGGhhIIjjKKllMMnnOOppQQ";
    static final String OTHER_TOKEN = "987654321:ZZyyXXwwVVuuTTssRRqqPPooNNmmLLkkJJ";

    @TempDir
    Path tmp;

    FakeTelegram telegram;
    Session session;

    @BeforeEach
    void start() {
        telegram = FakeTelegram.start(TOKEN, "my_ductor_bot");
        session = new Session(tmp);
        session.env.put("DUCTOR_TELEGRAM_API_URL", telegram.baseUrl());
    }

    @AfterEach
    void stop() {
        telegram.close();
    }

    private DuctorConfig written() {
        return new ConfigLoader(Map.of()).load(session.home().resolve("config/config.json"));
    }

    @Test
    void asksTheQuestionsChecksTheTokenWithTelegramAndWritesAConfigEveryServiceReads() throws Exception {
        Path claude = session.userHome().resolve(".claude/.credentials.json");
        Files.createDirectories(claude.getParent());
        Files.writeString(claude, "{}");

        int code = session.run(List.of("y", TOKEN, "4242", "", "Europe/Berlin"));

        assertThat(code).isZero();
        assertThat(session.out())
                .contains("claude  not found")
                .contains("I understand the risks")
                .contains("Paste your bot token:")
                .contains("Token accepted: this is @my_ductor_bot.")
                .contains("Enter your numeric user ID:")
                .contains("Which CLI answers your messages? claude/codex/gemini [claude]:")
                .contains("Saved " + session.home().resolve("config/config.json"))
                .contains("ductor service install")
                .doesNotContain(TOKEN);
        assertThat(telegram.requests("getMe")).hasSize(1);
        DuctorConfig config = written();
        assertThat(config.telegramToken()).isEqualTo(TOKEN);
        assertThat(config.allowedUserIds()).containsExactly(4242L);
        assertThat(config.provider()).isEqualTo("claude");
        assertThat(config.model()).isEqualTo("opus");
        assertThat(config.userTimezone()).isEqualTo("Europe/Berlin");
        assertThat(config.streaming().minChars()).isEqualTo(200); // every other key has its default
        assertThat(Files.getPosixFilePermissions(session.home().resolve("config/config.json")))
                .containsExactlyInAnyOrder(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);
    }

    @Test
    void badAnswersAreExplainedAndAskedAgain() {
        int code = session.run(List.of(
                "yes",
                "not-a-token",
                OTHER_TOKEN,
                TOKEN,
                "alice",
                "-5",
                "77",
                "copilot",
                "gemini",
                "Mars/Olympus",
                "UTC"));

        assertThat(code).isZero();
        assertThat(session.out())
                .contains("That is not a bot token")
                .contains("Telegram does not know this token (401). Copy it again from @BotFather.")
                .contains("Please enter a number")
                .contains("A user ID is a positive number.")
                .contains("Unknown provider 'copilot'")
                .contains("Note: gemini is not found; turns fail until it is installed and logged in.")
                .contains("Unknown timezone 'Mars/Olympus'");
        assertThat(telegram.requests("getMe")).hasSize(2);
        DuctorConfig config = written();
        assertThat(config.telegramToken()).isEqualTo(TOKEN);
        assertThat(config.allowedUserIds()).containsExactly(77L);
        assertThat(config.provider()).isEqualTo("gemini");
        assertThat(config.model()).isEqualTo("auto");
        assertThat(config.userTimezone()).isEqualTo("UTC");
    }

    @Test
    void theEndOfTheInputCancelsWithoutWritingAnything() {
        int code = session.run(List.of("y", TOKEN));

        assertThat(code).isEqualTo(1);
        assertThat(session.out()).contains("Setup cancelled.");
        assertThat(session.home().resolve("config/config.json")).doesNotExist();
    }

    @Test
    void declinedRisksCancel() {
        assertThat(session.run(List.of("n"))).isEqualTo(1);
        assertThat(telegram.requests("getMe")).isEmpty();
        assertThat(session.home().resolve("config/config.json")).doesNotExist();
    }

    @Test
    void anIncompleteConfigIsCompletedKeepingTheUsersOtherValues() throws Exception {
        Path file = session.home().resolve("config/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"language\": \"de\", \"telegram_token\": \"\"}");

        assertThat(session.run(List.of("y", TOKEN, "1", "codex", "UTC"))).isZero();

        DuctorConfig config = written();
        assertThat(config.language()).isEqualTo("de");
        assertThat(config.provider()).isEqualTo("codex");
        assertThat(config.model()).isEqualTo("gpt-5-codex");
    }

    @Test
    void withACompleteConfigItShowsTheStatusAndHowToStart() {
        assertThat(session.run(List.of("y", TOKEN, "1", "", "UTC"))).isZero();
        int before = telegram.requests("getMe").size();

        assertThat(session.run()).isZero();

        assertThat(session.out())
                .contains("Services:")
                .contains("orchestrator")
                .contains("not running")
                .contains("bin/run-local");
        assertThat(telegram.requests("getMe")).hasSize(before);
    }

    @Test
    void aBrokenConfigIsReportedNotOverwritten() throws Exception {
        Path file = session.home().resolve("config/config.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, "{\"telegram_token\": ");

        assertThat(session.run()).isEqualTo(1);

        assertThat(session.err()).contains("Invalid JSON in " + file);
        assertThat(Files.readString(file)).isEqualTo("{\"telegram_token\": ");
    }
}
