package dev.ductor.runner.provider.claude;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.ChatRef;
import dev.ductor.model.RunRequest;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class ClaudeCommandTest {

    private static final Path CLAUDE = Path.of("/opt/bin/claude");
    private static final Path SCRATCH = Path.of("/home/u/.ductor/tmp/run-1");

    static RunRequest request(
            String permissionMode, @Nullable String append, @Nullable String resume, List<String> params) {
        return new RunRequest(
                "run-1",
                new ChatRef("tg", "main", 42, null),
                "claude",
                "opus",
                "medium",
                permissionMode,
                "--help me",
                append,
                resume,
                600,
                params,
                null,
                null);
    }

    @Test
    void freshTurn() {
        assertThat(ClaudeCommand.build(CLAUDE, SCRATCH, request("bypassPermissions", null, null, List.of())))
                .containsExactly(
                        "/opt/bin/claude",
                        "--verbose",
                        "-p",
                        "--output-format",
                        "stream-json",
                        "--include-partial-messages",
                        "--permission-mode",
                        "bypassPermissions",
                        "--model",
                        "opus");
    }

    @Test
    void resumeWithAppendedSystemPromptAndCliParameters() {
        assertThat(ClaudeCommand.build(
                        CLAUDE,
                        SCRATCH,
                        request("default", "Be brief.\nAlways.", "04f42236", List.of("--max-turns", "3"))))
                .containsExactly(
                        "/opt/bin/claude",
                        "--verbose",
                        "-p",
                        "--output-format",
                        "stream-json",
                        "--include-partial-messages",
                        "--permission-mode",
                        "default",
                        "--model",
                        "opus",
                        "--append-system-prompt-file",
                        "/home/u/.ductor/tmp/run-1/claude-system.md",
                        "--resume",
                        "04f42236",
                        "--max-turns",
                        "3");
    }

    @Test
    void blankOptionalPartsAreLeftOut() {
        assertThat(ClaudeCommand.build(CLAUDE, SCRATCH, request("default", " ", "", List.of())))
                .doesNotContain("--append-system-prompt-file", "--resume");
    }

    @Test
    void rootInBypassModeIsMarkedAsSandboxed() {
        var provider = new ClaudeProvider();
        assertThat(provider.environment(request("bypassPermissions", null, null, List.of()), true))
                .containsEntry("IS_SANDBOX", "1");
        assertThat(provider.environment(request("bypassPermissions", null, null, List.of()), false))
                .isEmpty();
        assertThat(provider.environment(request("default", null, null, List.of()), true))
                .isEmpty();
    }

    @Test
    void turnAndBudgetCaps() {
        RunRequest base = request("bypassPermissions", null, null, List.of());
        RunRequest capped = new RunRequest(
                base.runId(),
                base.chat(),
                base.provider(),
                base.model(),
                base.reasoningEffort(),
                base.permissionMode(),
                base.prompt(),
                null,
                null,
                600,
                List.of(),
                25,
                1.5);
        assertThat(ClaudeCommand.build(CLAUDE, SCRATCH, capped))
                .containsSubsequence("--max-turns", "25", "--max-budget-usd", "1.5");
    }
}
