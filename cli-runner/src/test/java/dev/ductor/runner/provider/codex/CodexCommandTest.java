package dev.ductor.runner.provider.codex;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.model.ChatRef;
import dev.ductor.model.RunRequest;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CodexCommandTest {

    private static RunRequest request(String mode, String effort, @Nullable String append, @Nullable String resume) {
        return new RunRequest(
                "r",
                new ChatRef("tg", "main", 1, null),
                "codex",
                "gpt-5.5",
                effort,
                mode,
                "do it",
                append,
                resume,
                600,
                List.of("-c", "x=1"),
                null,
                null);
    }

    @Test
    void freshTurn() {
        assertThat(CodexCommand.build(Path.of("/bin/codex"), request("bypassPermissions", "high", "Be brief.", null)))
                .containsExactly(
                        "/bin/codex",
                        "exec",
                        "--json",
                        "--color",
                        "never",
                        "--dangerously-bypass-approvals-and-sandbox",
                        "--skip-git-repo-check",
                        "--model",
                        "gpt-5.5",
                        "-c",
                        "model_reasoning_effort=high",
                        "-c",
                        "x=1",
                        "--",
                        "-");
        assertThat(new CodexProvider().stdin(request("bypassPermissions", "high", "Be brief.", null)))
                .isEqualTo("do it\n\nBe brief.");
    }

    @Test
    void resumedTurnInTheReadOnlySandbox() {
        assertThat(CodexCommand.build(Path.of("/bin/codex"), request("default", "default", null, "thread-1")))
                .containsExactly(
                        "/bin/codex",
                        "exec",
                        "--json",
                        "--color",
                        "never",
                        "--sandbox",
                        "read-only",
                        "--skip-git-repo-check",
                        "--model",
                        "gpt-5.5",
                        "-c",
                        "x=1",
                        "resume",
                        "--",
                        "thread-1",
                        "-");
    }
}
