package dev.ductor.systemtests;

import static dev.ductor.systemtests.ChatScript.botMessages;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ductor.testkit.cli.FakeCli;
import dev.ductor.testkit.cli.Invocation;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Taking over a home that Python ductor wrote (issue 11, behaviour §5.2, §5.6, §6.1, §6.2, §8.2): the stack
 * starts on a copy of {@code migration/ductor-home} — ductor's {@code config.json}, {@code sessions.json},
 * {@code named_sessions.json}, {@code cron_jobs.json}, {@code webhooks.json}, {@code inflight_turns.json},
 * and a workspace the user and the agent have edited. The copy's only changes point it at the test's
 * fakes: the Telegram API address and a free webhook port. Then Alice's message resumes her CLI session,
 * the cron job fires into her chat, the webhook is served with the token ductor generated for it, and
 * nothing the user wrote is overwritten.
 */
@DuctorSystemTest
class MigrationIT {

    private static final Path FIXTURE = fixture();
    private static final String CLAUDE_SESSION = "5d0c7a9e-3b1f-4c2a-9e8d-2f6b1a7c4e90";
    private static final List<String> USER_FILES = List.of(
            "SHAREDMEMORY.md",
            "workspace/cron_tasks/daily-check/CLAUDE.md",
            "workspace/cron_tasks/daily-check/AGENTS.md",
            "workspace/cron_tasks/daily-check/TASK_DESCRIPTION.md",
            "workspace/cron_tasks/daily-check/daily-check_MEMORY.md",
            "workspace/cron_tasks/daily-check/scripts/forecast.py",
            "workspace/user_tools/shopping.py");

    private final DuctorStack stack;
    private final JsonMapper mapper = JsonMapper.builder().build();
    private final int webhookPort = DuctorStack.freePort();
    private FakeCli claude;

    MigrationIT(DuctorStack stack) {
        this.stack = stack;
    }

    @BeforeStackStart
    void copyPythonDuctorsHome() throws IOException {
        Path home = stack.home();
        try (Stream<Path> files = Files.walk(FIXTURE)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Path target = home.resolve(FIXTURE.relativize(file).toString());
                Files.createDirectories(target.getParent());
                Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        Path config = home.resolve("config/config.json");
        ObjectNode json = (ObjectNode) mapper.readTree(config.toFile());
        json.put("telegram_api_url", stack.telegram().baseUrl());
        ((ObjectNode) json.path("webhooks")).put("port", webhookPort);
        Files.writeString(config, mapper.writerWithDefaultPrettyPrinter().writeValueAsString(json));
        // every call answers in Alice's ductor session, as the real claude does when it resumes it
        claude = stack.claude()
                .respond(new ClaudeTurns(CLAUDE_SESSION).answer("Welcome back, Alice."))
                .install();
    }

    @Test
    void aMessageResumesTheCliSessionDuctorRecordedInSessionsJson() {
        stack.telegram().sendUserMessage(DuctorStack.ALICE, DuctorStack.ALICE, "what did we talk about?");

        Invocation turn = awaitCall(c -> c.stdin().contains("what did we talk about?"));
        int resume = turn.argv().indexOf("--resume");
        assertThat(resume).as(String.join(" ", turn.argv())).isNotNegative();
        assertThat(turn.argv().get(resume + 1)).isEqualTo(CLAUDE_SESSION);
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(botMessages(stack.telegram(), DuctorStack.ALICE))
                        .anySatisfy(m -> assertThat(m.text()).contains("Welcome back, Alice.")));
    }

    @Test
    void theCronJobOfCronJobsJsonFiresIntoTheChat() {
        awaitCall(c -> c.stdin().contains("daily-check_MEMORY.md"), Duration.ofSeconds(150));

        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(botMessages(stack.telegram(), DuctorStack.ALICE))
                        .anySatisfy(m -> assertThat(m.text()).contains("TASK: Daily check")));
    }

    @Test
    void theWebhookOfWebhooksJsonIsServedWithTheTokenDuctorGaveIt() throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(
                        new URI("http://127.0.0.1:" + webhookPort + "/hooks/deploy-notify"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"service\": \"api\", \"status\": \"green\"}"));
        HttpClient http = HttpClient.newHttpClient();

        HttpResponse<String> wrong = http.send(
                request.copy()
                        .header("Authorization", "Bearer global-webhook-token-from-ductor")
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> accepted = http.send(
                request.header("Authorization", "Bearer hook-token-written-by-ductor-webhook-add")
                        .build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(wrong.statusCode())
                .as("a hook's own token replaces the global one")
                .isEqualTo(401);
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
        awaitCall(c -> c.stdin().contains("Deploy api finished: green"));
    }

    @Test
    void nothingTheUserWroteIsOverwritten() throws Exception {
        // the services have seeded the home by now (the runner before its first turn)
        awaitCall(c -> !c.argv().contains("--version"));
        for (String file : USER_FILES) {
            assertThat(stack.home().resolve(file)).as(file).hasSameTextualContentAs(FIXTURE.resolve(file));
        }
        // MAINMEMORY.md keeps every line the user wrote; below them the shared memory is mirrored (as ductor)
        String memory = Files.readString(stack.home().resolve("workspace/memory_system/MAINMEMORY.md"));
        String written = Files.readString(FIXTURE.resolve("workspace/memory_system/MAINMEMORY.md"));
        assertThat(memory).startsWith(written);
        assertThat(memory.substring(written.length()))
                .contains("SHAREDMEMORY:BEGIN", "two cats, Mia and Tom", "SHAREDMEMORY:END")
                .doesNotContain("Main Memory", "Berlin");
        JsonNode job = mapper.readTree(stack.home().resolve("cron_jobs.json").toFile())
                .path("jobs")
                .get(0);
        assertThat(job.path("id").asString()).isEqualTo("daily-check");
        assertThat(job.path("agent_instruction").asString()).startsWith("Read through TASK_DESCRIPTION.md");
        assertThat(job.path("created_at").asString()).isEqualTo("2026-03-01T09:00:00+00:00");
        JsonNode hook = mapper.readTree(stack.home().resolve("webhooks.json").toFile())
                .path("hooks")
                .get(0);
        assertThat(hook.path("token").asString()).isEqualTo("hook-token-written-by-ductor-webhook-add");
        assertThat(hook.path("prompt_template").asString()).isEqualTo("Deploy {{service}} finished: {{status}}");
        JsonNode named = mapper.readTree(
                        stack.home().resolve("named_sessions.json").toFile())
                .path("sessions")
                .get(0);
        assertThat(named.path("name").asString()).isEqualTo("firmowl");
        assertThat(named.path("session_id").asString()).isEqualTo("8e1f2a3b-4c5d-4e6f-8a7b-9c0d1e2f3a4b");
        JsonNode session = mapper.readTree(stack.home().resolve("sessions.json").toFile())
                .path("tg:1001")
                .path("provider_sessions");
        assertThat(session.path("claude").path("session_id").asString()).isEqualTo(CLAUDE_SESSION);
        assertThat(session.path("codex").path("session_id").asString())
                .isEqualTo("019a2b3c-4d5e-7f60-8a9b-0c1d2e3f4a5b");
        JsonNode config =
                mapper.readTree(stack.home().resolve("config/config.json").toFile());
        assertThat(config.path("user_timezone").asString()).isEqualTo("Europe/Berlin");
        assertThat(config.path("allowed_user_ids").toString()).isEqualTo("[1001]");
        assertThat(config.path("idle_timeout_minutes").asInt()).isZero();
    }

    private Invocation awaitCall(java.util.function.Predicate<Invocation> which) {
        return awaitCall(which, Duration.ofSeconds(60));
    }

    private Invocation awaitCall(java.util.function.Predicate<Invocation> which, Duration atMost) {
        return await().atMost(atMost)
                .until(() -> claude.invocations().stream().filter(which).findFirst(), Optional::isPresent)
                .orElseThrow();
    }

    private static Path fixture() {
        try {
            return Path.of(
                    MigrationIT.class.getResource("/migration/ductor-home").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
