package dev.ductor.systemtests;

import dev.ductor.testkit.cli.InstalledClis;
import dev.ductor.testkit.modelapi.FakeModelApi;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The installed {@code claude} ({@code bin/install-clis}) in place of the stack's fake CLI, talking to a fake
 * model API: HOME and TMPDIR of its own, {@code ANTHROPIC_BASE_URL} through {@code DUCTOR_HOME/.env}, no
 * telemetry or retries.
 */
final class RealClaude {

    private RealClaude() {}

    static boolean installed() {
        return InstalledClis.find("claude").isPresent();
    }

    /** For a {@link BeforeStackStart} method: the stack's runner starts the real claude against {@code api}. */
    static void againstFakeModelApi(DuctorStack stack, FakeModelApi api) throws IOException {
        Path claude = stack.home().resolveSibling("bin/claude");
        Files.delete(claude);
        Files.createSymbolicLink(claude, InstalledClis.find("claude").orElseThrow());
        Path home = Files.createDirectories(stack.home().resolveSibling("claude-home"));
        Path tmp = Files.createDirectories(stack.home().resolveSibling("claude-tmp"));
        Files.writeString(stack.home().resolve(".env"), """
                ANTHROPIC_BASE_URL=%s
                ANTHROPIC_API_KEY=sk-ant-fake
                DISABLE_TELEMETRY=1
                CLAUDE_CODE_DISABLE_NONESSENTIAL_TRAFFIC=1
                CLAUDE_CODE_MAX_RETRIES=0
                CLAUDE_CODE_TMPDIR=%s
                """.formatted(api.baseUrl(), tmp));
        stack.service("cli-runner").putEnvironment("HOME", home.toString());
        stack.service("cli-runner").putEnvironment("TMPDIR", tmp.toString());
    }
}
