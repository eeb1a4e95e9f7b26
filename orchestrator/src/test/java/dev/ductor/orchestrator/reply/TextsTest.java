package dev.ductor.orchestrator.reply;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TextsTest {

    private static final Texts TEXTS = Texts.english();

    private static final String ERROR_HEAD = "**Session Error**\n\n───\n\n"
            + "[opus] An error occurred.\nYour session has been preserved -- send another message to retry.\n"
            + "Use /new to start a fresh session if the problem persists.";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "HTTP 401",
                "Unauthorized",
                "Authentication error",
                "Please try signing in again",
                "sign in again",
                "Your token has been revoked"
            })
    void authErrors(String error) {
        assertThat(TEXTS.sessionError("opus", error))
                .isEqualTo(ERROR_HEAD + "\n\n**Cause:** Authentication failed. Please re-authenticate the CLI "
                        + "(e.g. `codex auth` or check your API key).");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "status 429",
                "Rate limit exceeded",
                "Too Many Requests",
                "quota exceeded",
                "usage limit reached",
                "Upgrade to Pro",
                "You've hit your limit"
            })
    void rateLimitErrors(String error) {
        assertThat(TEXTS.sessionError("opus", error))
                .isEqualTo(ERROR_HEAD + "\n\n**Cause:** Rate limit reached. Wait a moment and try again.");
    }

    @ParameterizedTest
    @ValueSource(strings = {"context length exceeded", "Token limit", "maximum context", "prompt is too long"})
    void contextErrors(String error) {
        assertThat(TEXTS.sessionError("opus", error))
                .isEqualTo(ERROR_HEAD + "\n\n**Cause:** Context length exceeded. Use /new to start a fresh session.");
    }

    @Test
    void otherErrorsShowTheirFirstLineAsDetail() {
        assertThat(TEXTS.sessionError("opus", "  boom: disk full\nstack line 2"))
                .isEqualTo(ERROR_HEAD + "\n\n**Detail:** `boom: disk full`");
    }

    @Test
    void detailIsCutAt200Characters() {
        String longLine = "x".repeat(250);
        assertThat(TEXTS.sessionError("opus", longLine)).endsWith("**Detail:** `" + "x".repeat(200) + "`");
    }

    @Test
    void blankErrorHasNoCauseBlock() {
        assertThat(TEXTS.sessionError("opus", "  ")).isEqualTo(ERROR_HEAD);
    }

    @Test
    void timeout() {
        assertThat(TEXTS.timeout("sonnet", 600))
                .isEqualTo("**Timeout**\n\n───\n\n[sonnet] CLI was terminated after 10 min.\n"
                        + "Your session has been preserved -- send another message to continue where it left off.\n"
                        + "Use /new to start a fresh session.");
    }

    @Test
    void interruptedTaskCutsThePreviewAt80() {
        assertThat(TEXTS.interrupted("fix it"))
                .isEqualTo("**Interrupted Task**\n\n───\n\nA task was interrupted during restart.\n`fix it`\n"
                        + "Please re-send to continue.");
        assertThat(TEXTS.interrupted("y".repeat(100))).contains("`" + "y".repeat(80) + "…`");
    }

    @Test
    void emptyResultAndInternalError() {
        assertThat(TEXTS.emptyResult())
                .isEqualTo("_(Agent updated memory silently — send another message to continue.)_");
    }

    @Test
    void agentStopped() {
        assertThat(TEXTS.agentStopped("codex", true))
                .isEqualTo("**Agent Stopped**\n\n───\n\nCodex terminated. All queued messages discarded.");
        assertThat(TEXTS.agentStopped("claude", false))
                .isEqualTo("**Agent Stopped**\n\n───\n\nNothing running right now.");
    }

    @Test
    void technicalFooterShowsCostAndTimeOnlyWhenKnown() {
        assertThat(TEXTS.technicalFooter("opus", 1234, 0.01234, 4567))
                .isEqualTo("\n---\nModel: opus | Tokens: 1234 | Cost: $0.0123 | Time: 4.6s");
        assertThat(TEXTS.technicalFooter("gpt-5", 10, 0, 0)).isEqualTo("\n---\nModel: gpt-5 | Tokens: 10");
    }

    @org.junit.jupiter.api.Test
    void runnerErrorsThatAreAlreadyTheUsersWordsAreShownAsTheyAre() {
        // The runner's words for a missing Gemini key are English; the user gets ductor's text in the UI language.
        assertThat(TEXTS.runnerNotice("gemini_missing_key: Gemini is set to API-key auth mode…"))
                .contains(TEXTS.t("gemini.missing_key"));
        assertThat(TEXTS.t("gemini.missing_key"))
                .startsWith("Gemini is set to API-key auth mode, but `gemini_api_key` in `~/");
        assertThat(TEXTS.runnerNotice(
                        "cli_not_found: `codex` is not installed. Install it: npm install -g @openai/codex"))
                .contains("`codex` is not installed. Install it: npm install -g @openai/codex");
        assertThat(TEXTS.runnerNotice("auth: 401 Unauthorized")).isEmpty();
    }
}
