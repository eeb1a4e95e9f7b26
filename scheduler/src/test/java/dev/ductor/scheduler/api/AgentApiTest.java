package dev.ductor.scheduler.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ductor.agents.AgentApiTokens;
import dev.ductor.config.DuctorConfig;
import dev.ductor.scheduler.cron.CronExpression;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The agent's API and the packaged tool launcher together (behaviour §6.8): the launcher is run with
 * {@code sh} exactly as the workspace ships it, under the tools' names, against a real server on loopback.
 */
class AgentApiTest {

    private static final String TOKEN = "t0ken-for-tests";

    @TempDir
    Path tmp;

    private final JsonMapper mapper = JsonMapper.builder().build();
    private AgentApiServer server;
    private String userZone = "Europe/Berlin";
    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    private DuctorConfig.Webhooks webhooks = new DuctorConfig.Webhooks(false, "127.0.0.1", 8742, "", 262144, 30);

    @BeforeEach
    void start() throws IOException {
        Files.createDirectories(tmp.resolve("workspace/cron_tasks"));
        Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
        var folders = new TaskFolders(tmp.resolve("workspace/cron_tasks"));
        var cron = new CronTools(jobsFile(), folders, () -> userZone, clock);
        Map<String, AgentTool> all = new HashMap<>(cron.tools());
        all.putAll(new WebhookTools(tmp.resolve("webhooks.json"), folders, () -> webhooks, clock).tools());
        // a sub-agent's own tools, on its own home, as its context in the scheduler builds them (behaviour §5.8)
        Path helper = tmp.resolve("agents/helper");
        var helperFolders = new TaskFolders(Files.createDirectories(helper.resolve("workspace/cron_tasks")));
        Map<String, AgentTool> helperTools = new HashMap<>(
                new CronTools(helper.resolve("cron_jobs.json"), helperFolders, () -> "UTC", clock).tools());
        helperTools.putAll(
                new WebhookTools(helper.resolve("webhooks.json"), helperFolders, () -> webhooks, clock).tools());
        // a tool that serves every agent itself (as the inter-agent ones): it is told who called
        all.put("whoami", new AgentTool() {
            @Override
            public ToolResult run(ToolCall call) {
                return new ToolResult(true, ToolResult.json(Map.of("agent", call.agent())));
            }

            @Override
            public boolean servesSubAgents() {
                return true;
            }
        });
        server = new AgentApiServer(
                "127.0.0.1",
                0,
                TOKEN,
                all,
                agent -> agent.equals("helper") ? Optional.of(helperTools) : Optional.empty());
        Path tools = Files.createDirectories(tmp.resolve("workspace/tools/cron_tools"));
        String launcher;
        try (InputStream in = getClass().getResourceAsStream("/dev/ductor/workspace/defaults/launcher/agent-tool.sh")) {
            launcher = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String tool : List.of("cron_add", "cron_list", "cron_edit", "cron_remove", "cron_time")) {
            Files.writeString(tools.resolve(tool + ".py"), launcher);
        }
        Path hookTools = Files.createDirectories(tmp.resolve("workspace/tools/webhook_tools"));
        for (String tool : List.of(
                "webhook_add",
                "webhook_list",
                "webhook_edit",
                "webhook_remove",
                "webhook_rotate_token",
                "webhook_test")) {
            Files.writeString(hookTools.resolve(tool + ".py"), launcher);
        }
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Path jobsFile() {
        return tmp.resolve("cron_jobs.json");
    }

    private String url() {
        return "http://127.0.0.1:" + server.address().getPort();
    }

    record Run(int exit, String out) {}

    private Run toolWithToken(String token, String name, String... args) throws Exception {
        return toolAs("main", token, name, args);
    }

    private Run toolAs(String agent, String token, String name, String... args) throws Exception {
        String folder = name.startsWith("webhook_") ? "webhook_tools" : "cron_tools";
        List<String> command = new ArrayList<>(List.of("sh", "tools/" + folder + "/" + name + ".py"));
        command.addAll(List.of(args));
        var builder =
                new ProcessBuilder(command).directory(tmp.resolve("workspace").toFile());
        builder.environment().put("DUCTOR_AGENT_API_URL", url());
        builder.environment().put("DUCTOR_AGENT_API_TOKEN", token);
        builder.environment().put("DUCTOR_CHAT_ID", "4242");
        builder.environment().put("DUCTOR_TRANSPORT", "tg");
        builder.environment().put("DUCTOR_AGENT_NAME", agent);
        builder.redirectError(ProcessBuilder.Redirect.DISCARD);
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), out);
    }

    private Run tool(String name, String... args) throws Exception {
        return toolWithToken(TOKEN, name, args);
    }

    private JsonNode json(Run run) {
        return mapper.readTree(run.out());
    }

    @Test
    void cronAddWritesTheJobTheSchedulerReadsAndItsTaskFolder() throws Exception {
        Run run = tool(
                "cron_add",
                "--name",
                "Morning Brief!",
                "--title",
                "Morning brief",
                "--description",
                "Summarise the day's calendar & weather",
                "--schedule",
                "0 8 * * *",
                "--quiet-start=22",
                "--quiet-end",
                "6");

        assertThat(run.exit()).as(run.out()).isZero();
        JsonNode out = json(run);
        assertThat(out.path("job_id").asString()).isEqualTo("morning-brief");
        assertThat(out.path("timezone").asString()).isEqualTo("Europe/Berlin");
        assertThat(out.path("name_sanitized").asBoolean()).isTrue();
        JsonNode job = mapper.readTree(jobsFile().toFile()).path("jobs").get(0);
        assertThat(job.path("id").asString()).isEqualTo("morning-brief");
        assertThat(job.path("schedule").asString()).isEqualTo("0 8 * * *");
        assertThat(job.path("description").asString()).isEqualTo("Summarise the day's calendar & weather");
        assertThat(job.path("agent_instruction").asString()).isEqualTo(CronTools.DEFAULT_INSTRUCTION);
        assertThat(job.path("enabled").asBoolean()).isTrue();
        assertThat(job.path("quiet_start").asInt()).isEqualTo(22);
        assertThat(job.path("chat_id").asLong()).isEqualTo(4242);
        assertThat(job.path("transport").asString()).isEqualTo("tg");
        assertThat(job.path("created_at").asString()).isEqualTo("2026-12-06T10:00:00Z");
        CronExpression.parse(job.path("schedule").asString());
        Path folder = tmp.resolve("workspace/cron_tasks/morning-brief");
        assertThat(folder.resolve("TASK_DESCRIPTION.md")).content().startsWith("# Morning brief\n\n## Goal\n");
        assertThat(folder.resolve("morning-brief_MEMORY.md")).hasContent("# morning-brief Memory");
        assertThat(folder.resolve("CLAUDE.md")).content().contains("morning-brief_MEMORY.md");
        assertThat(folder.resolve("scripts")).isDirectory();

        Run again = tool(
                "cron_add", "--name", "morning-brief", "--title", "x", "--description", "y", "--schedule", "* * * * *");
        assertThat(again.exit()).isEqualTo(1);
        assertThat(json(again).path("error").asString()).isEqualTo("Job 'morning-brief' already exists");
    }

    @Test
    void cronAddRefusesWhatTheSchedulerWouldNotRun() throws Exception {
        Run badCron = tool("cron_add", "--name", "a", "--title", "A", "--description", "d", "--schedule", "0 25 * * *");
        assertThat(badCron.exit()).isEqualTo(1);
        assertThat(json(badCron).path("error").asString()).contains("hour");

        Run badZone = tool(
                "cron_add",
                "--name",
                "a",
                "--title",
                "A",
                "--description",
                "d",
                "--schedule",
                "0 8 * * *",
                "--timezone",
                "Mars/Olympus");
        assertThat(json(badZone).path("error").asString()).startsWith("Unknown timezone 'Mars/Olympus'");

        Run badHour = tool(
                "cron_add",
                "--name",
                "a",
                "--title",
                "A",
                "--description",
                "d",
                "--schedule",
                "0 8 * * *",
                "--quiet-start",
                "24");
        assertThat(json(badHour).path("error").asString()).contains("--quiet-start", "0 to 23");

        Run missing = tool("cron_add", "--name", "a");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(missing.out())
                .contains("CRON ADD", "Missing required parameters: --title, --description, --schedule");

        Run unknown = tool("cron_add", "--nmae", "a");
        assertThat(unknown.out()).contains("unrecognized arguments: --nmae");

        assertThat(jobsFile()).doesNotExist();
        assertThat(tmp.resolve("workspace/cron_tasks")).isEmptyDirectory();
    }

    @Test
    void listEditAndRemove() throws Exception {
        tool("cron_add", "--name", "news", "--title", "News", "--description", "d", "--schedule", "0 7 * * *");
        userZone = "";

        JsonNode list = json(tool("cron_list"));
        assertThat(list.path("count").asInt()).isEqualTo(1);
        assertThat(list.path("jobs").get(0).path("task_folder_exists").asBoolean())
                .isTrue();
        assertThat(list.path("user_timezone").asString()).startsWith("NOT SET");

        Run edit = tool("cron_edit", "news", "--schedule", "30 7 * * 1-5", "--disable");
        assertThat(edit.exit()).as(edit.out()).isZero();
        assertThat(json(edit).path("updated_fields").toString()).contains("schedule", "enabled");
        JsonNode job = mapper.readTree(jobsFile().toFile()).path("jobs").get(0);
        assertThat(job.path("schedule").asString()).isEqualTo("30 7 * * 1-5");
        assertThat(job.path("enabled").asBoolean()).isFalse();

        Run missing = tool("cron_remove", "nope");
        assertThat(missing.exit()).isEqualTo(1);
        assertThat(json(missing).path("available_jobs").toString()).isEqualTo("[\"news\"]");

        Run remove = tool("cron_remove", "news");
        assertThat(remove.exit()).isZero();
        assertThat(json(remove).path("folder_deleted").asBoolean()).isTrue();
        assertThat(mapper.readTree(jobsFile().toFile()).path("jobs").size()).isZero();
        assertThat(tmp.resolve("workspace/cron_tasks/news")).doesNotExist();
    }

    @Test
    void cronEditRoutesTheResultsElsewhereAndSilencesSuccess() throws Exception {
        tool("cron_add", "--name", "news", "--title", "News", "--description", "d", "--schedule", "0 7 * * *");

        Run edit = tool(
                "cron_edit",
                "news",
                "--chat-id",
                "-100123",
                "--topic-id=77",
                "--transport",
                "mx",
                "--silent-on-success");

        assertThat(edit.exit()).as(edit.out()).isZero();
        assertThat(json(edit).path("updated_fields").toString())
                .contains("chat_id", "topic_id", "transport", "silent_on_success");
        JsonNode job = mapper.readTree(jobsFile().toFile()).path("jobs").get(0);
        assertThat(job.path("chat_id").asLong()).isEqualTo(-100123);
        assertThat(job.path("topic_id").asLong()).isEqualTo(77);
        assertThat(job.path("transport").asString()).isEqualTo("mx");
        assertThat(job.path("silent_on_success").asBoolean()).isTrue();

        Run back = tool("cron_edit", "news", "--clear-topic-id", "--no-silent-on-success", "--transport", "tg");
        assertThat(back.exit()).as(back.out()).isZero();
        job = mapper.readTree(jobsFile().toFile()).path("jobs").get(0);
        assertThat(job.get("topic_id").isNull()).isTrue();
        assertThat(job.path("silent_on_success").asBoolean()).isFalse();
        assertThat(job.path("transport").asString()).isEqualTo("tg");
        assertThat(job.path("chat_id").asLong()).as("untouched").isEqualTo(-100123);

        Run badTransport = tool("cron_edit", "news", "--transport", "telegram");
        assertThat(badTransport.exit()).isEqualTo(1);
        assertThat(json(badTransport).path("error").asString()).contains("--transport", "invalid choice");
        Run badChat = tool("cron_edit", "news", "--chat-id", "alice");
        assertThat(json(badChat).path("error").asString()).isEqualTo("argument --chat-id: invalid int value: 'alice'");
        Run both = tool("cron_edit", "news", "--topic-id", "5", "--clear-topic-id");
        assertThat(json(both).path("error").asString()).contains("exclude each other");
        job = mapper.readTree(jobsFile().toFile()).path("jobs").get(0);
        assertThat(job.path("transport").asString())
                .as("refusals change nothing")
                .isEqualTo("tg");
        assertThat(job.get("topic_id").isNull()).isTrue();
    }

    @Test
    void aJobWhoseFolderLeavesCronTasksKeepsItsOutsideFiles() throws Exception {
        Files.writeString(jobsFile(), """
                {"jobs": [{"id": "evil", "schedule": "* * * * *", "task_folder": "../../outside"}]}""");
        Path outside = Files.createDirectories(tmp.getParent().resolve("outside"));
        Files.writeString(outside.resolve("keep.txt"), "keep");

        Run remove = tool("cron_remove", "evil");

        assertThat(json(remove).path("folder_error").asString()).contains("Path traversal blocked");
        assertThat(outside.resolve("keep.txt")).exists();
    }

    @Test
    void aBrokenJobsFileIsReportedAndLeftAlone() throws Exception {
        Files.writeString(jobsFile(), "{not json");
        Run add = tool("cron_add", "--name", "a", "--title", "A", "--description", "d", "--schedule", "0 8 * * *");
        assertThat(add.exit()).isEqualTo(1);
        assertThat(json(add).path("error").asString()).startsWith("Corrupt cron_jobs.json");
        assertThat(jobsFile()).hasContent("{not json");
    }

    @Test
    void theApiRefusesWithoutTheTokenAndExplainsItsErrors() throws Exception {
        Run wrong = toolWithToken("not-the-token", "cron_list");
        assertThat(wrong.exit()).isEqualTo(1);
        assertThat(json(wrong).path("error").asString()).startsWith("unauthorized");

        HttpClient http = HttpClient.newHttpClient();
        var unknown = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/tools/rm_rf"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("arg=x"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("no such tool: rm_rf", "cron_add");

        var huge = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/tools/cron_list"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString("arg=" + "x".repeat(AgentApiServer.MAX_BODY_BYTES)))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(huge.statusCode()).isEqualTo(413);

        var json = http.send(
                HttpRequest.newBuilder(URI.create(url() + "/tools/cron_list"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{}"))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(json.statusCode()).isEqualTo(415);
        assertThat(mapper.readTree(json.body()).path("error").asString()).contains("x-www-form-urlencoded");
    }

    @Test
    void aSubAgentsCallActsOnItsOwnHomeAndChangesNothingOfTheMainAgent() throws Exception {
        String helperToken = AgentApiTokens.forAgent(TOKEN, "helper");

        Run add = toolAs(
                "helper",
                helperToken,
                "cron_add",
                "--name",
                "n",
                "--title",
                "t",
                "--description",
                "d",
                "--schedule",
                "0 9 * * *");
        assertThat(add.exit()).as(add.out()).isZero();
        assertThat(json(add).path("job_id").asString()).isEqualTo("n");
        Path helper = tmp.resolve("agents/helper");
        assertThat(helper.resolve("cron_jobs.json")).content().contains("\"n\"", "4242");
        assertThat(helper.resolve("workspace/cron_tasks/n/TASK_DESCRIPTION.md")).exists();
        Run hook = toolAs(
                "helper",
                helperToken,
                "webhook_add",
                "--name",
                "h",
                "--title",
                "t",
                "--description",
                "d",
                "--mode",
                "wake",
                "--prompt-template",
                "{{msg}}");
        assertThat(hook.exit()).as(hook.out()).isZero();
        assertThat(helper.resolve("webhooks.json")).content().contains("\"h\"");
        Run listed = toolAs("helper", helperToken, "cron_list");
        assertThat(listed.out()).contains("\"n\"");
        // the main agent's files are untouched, and its own list does not show the helper's job
        assertThat(jobsFile()).doesNotExist();
        assertThat(tmp.resolve("webhooks.json")).doesNotExist();
        assertThat(tmp.resolve("workspace/cron_tasks")).isEmptyDirectory();
        assertThat(tool("cron_list").out()).doesNotContain("\"n\"");

        // a tool that serves every agent itself is the main instance, told who called
        assertThat(post("helper", helperToken, "whoami").body()).contains("\"agent\":\"helper\"");
        assertThat(post("main", TOKEN, "whoami").body()).contains("\"agent\":\"main\"");

        // an agent the scheduler does not serve now (not in agents.json, stopped, starting) changes nothing
        Run other = toolAs("other", AgentApiTokens.forAgent(TOKEN, "other"), "cron_add", "--name", "x");
        assertThat(other.exit()).isEqualTo(1);
        assertThat(json(other).path("error").asString())
                .contains("agent 'other'", "does not serve this agent now", "nothing was changed");
        assertThat(post("other", AgentApiTokens.forAgent(TOKEN, "other"), "cron_list")
                        .statusCode())
                .isEqualTo(503);

        // the credential is tied to the agent: a sub-agent cannot act as main, nor main's token as another agent
        Run claimingMain = toolAs("main", helperToken, "cron_list");
        assertThat(json(claimingMain).path("error").asString()).startsWith("unauthorized");
        Run claimingOther = toolAs("other", helperToken, "cron_list");
        assertThat(json(claimingOther).path("error").asString()).startsWith("unauthorized");
        Run mainAsHelper = toolAs("helper", TOKEN, "cron_list");
        assertThat(json(mainAsHelper).path("error").asString()).startsWith("unauthorized");
        Run bogus = toolAs("../main", TOKEN, "cron_list");
        assertThat(json(bogus).path("error").asString()).contains("not an agent name");

        assertThat(tool("cron_list").exit()).isZero();
    }

    private HttpResponse<String> post(String agent, String token, String tool) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            return http.send(
                    HttpRequest.newBuilder(URI.create(url() + "/tools/" + tool))
                            .header("Authorization", "Bearer " + token)
                            .header(AgentApiServer.AGENT_HEADER, agent)
                            .header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("chat_id=4242"))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void pythonRunsTheSameLauncher() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(
                new ProcessBuilder("sh", "-c", "command -v python3").start().waitFor() == 0,
                "python3 is not installed here");
        var builder = new ProcessBuilder("python3", "tools/cron_tools/cron_time.py")
                .directory(tmp.resolve("workspace").toFile());
        builder.environment().putAll(Map.of("DUCTOR_AGENT_API_URL", url(), "DUCTOR_AGENT_API_TOKEN", TOKEN));
        Process process = builder.start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).isZero();
        assertThat(mapper.readTree(out).path("user_timezone").asString()).isEqualTo("Europe/Berlin");
    }

    @Test
    void webhookAddListAndRemove() throws Exception {
        Run add = tool(
                "webhook_add",
                "--name",
                "GitHub PRs",
                "--title",
                "GitHub PRs",
                "--description",
                "New pull requests",
                "--mode",
                "wake",
                "--prompt-template",
                "PR {{number}}: {{title}}");
        assertThat(add.exit()).as(add.out()).isZero();
        JsonNode out = json(add);
        assertThat(out.path("hook_id").asString()).isEqualTo("github-prs");
        assertThat(out.path("endpoint").asString()).isEqualTo("/hooks/github-prs");
        assertThat(out.path("setup_instructions").path("step_0_enable_server").asString())
                .contains("OFF");
        String token = out.path("bearer_token").asString();
        assertThat(token).hasSizeGreaterThanOrEqualTo(43);
        JsonNode hook = mapper.readTree(tmp.resolve("webhooks.json").toFile())
                .path("hooks")
                .get(0);
        assertThat(hook.path("token").asString()).isEqualTo(token);
        assertThat(hook.path("mode").asString()).isEqualTo("wake");
        assertThat(hook.path("prompt_template").asString()).isEqualTo("PR {{number}}: {{title}}");

        Run wakeOverride = tool(
                "webhook_add",
                "--name",
                "x",
                "--title",
                "X",
                "--description",
                "d",
                "--mode",
                "wake",
                "--prompt-template",
                "t",
                "--provider",
                "codex");
        assertThat(json(wakeOverride).path("error").asString()).contains("cron_task hooks only");

        Run task = tool(
                "webhook_add",
                "--name",
                "deploys",
                "--title",
                "Deploys",
                "--description",
                "Check a deploy",
                "--mode",
                "cron_task",
                "--prompt-template",
                "Deploy {{id}}",
                "--task-folder",
                "deploy-check",
                "--auth-mode",
                "hmac",
                "--hmac-secret",
                "s3cret",
                "--hmac-header",
                "X-Hub-Signature-256",
                "--dependency",
                "ci");
        assertThat(task.exit()).as(task.out()).isZero();
        assertThat(json(task).path("folder_created").asBoolean()).isTrue();
        assertThat(json(task).has("bearer_token")).isFalse();
        assertThat(tmp.resolve("workspace/cron_tasks/deploy-check/TASK_DESCRIPTION.md"))
                .exists();

        JsonNode list = json(tool("webhook_list"));
        assertThat(list.path("count").asInt()).isEqualTo(2);
        assertThat(list.path("hooks").get(1).path("task_folder_exists").asBoolean())
                .isTrue();
        assertThat(list.toString()).doesNotContain(token, "s3cret");

        Run remove = tool("webhook_remove", "github-prs");
        assertThat(remove.exit()).isZero();
        assertThat(mapper.readTree(tmp.resolve("webhooks.json").toFile())
                        .path("hooks")
                        .size())
                .isEqualTo(1);
        assertThat(json(tool("webhook_remove", "nope")).path("available_hooks").toString())
                .isEqualTo("[\"deploys\"]");
    }

    @Test
    void aBareArrayJobsFileIsReadAndWrittenBackInDuctorsShape() throws Exception {
        Files.writeString(jobsFile(), """
                [{"id": "handmade", "title": "Hand", "schedule": "0 9 * * *", "task_folder": "handmade",
                  "agent_instruction": "x", "my_note": "kept"}]""");

        JsonNode list = json(tool("cron_list"));
        assertThat(list.path("count").asInt()).as(list.toString()).isEqualTo(1);
        assertThat(list.path("jobs").get(0).path("id").asString()).isEqualTo("handmade");

        Run add =
                tool("cron_add", "--name", "news", "--title", "News", "--description", "d", "--schedule", "0 7 * * *");
        assertThat(add.exit()).as(add.out()).isZero();
        JsonNode file = mapper.readTree(jobsFile().toFile());
        assertThat(file.path("jobs").size()).isEqualTo(2);
        assertThat(file.path("jobs").get(0).path("my_note").asString()).isEqualTo("kept");
        assertThat(file.path("jobs").get(1).path("id").asString()).isEqualTo("news");
    }

    @Test
    void aCronAddThatFailsHalfwayLeavesNothingBehindSoItsRetryIsNotBlocked() throws Exception {
        // The folder name fits the file system, its memory file "<name>_MEMORY.md" does not.
        String name = "n".repeat(250);
        Run add = tool("cron_add", "--name", name, "--title", "T", "--description", "d", "--schedule", "0 7 * * *");

        assertThat(add.exit()).isEqualTo(1);
        assertThat(json(add).path("error").asString()).startsWith("Cannot create the task folder cron_tasks/" + name);
        assertThat(tmp.resolve("workspace/cron_tasks")).isEmptyDirectory();
        assertThat(jobsFile()).doesNotExist();
        Run again = tool("cron_add", "--name", name, "--title", "T", "--description", "d", "--schedule", "0 7 * * *");
        assertThat(json(again).path("error").asString()).doesNotContain("already exists");
    }

    @Test
    void cronAddNeverTouchesAFolderThatWasThere() throws Exception {
        Path mine = Files.createDirectories(tmp.resolve("workspace/cron_tasks/mine"));
        Files.writeString(mine.resolve("notes.md"), "the user's");

        Run add = tool("cron_add", "--name", "mine", "--title", "T", "--description", "d", "--schedule", "0 7 * * *");

        assertThat(json(add).path("error").asString()).isEqualTo("Folder 'mine' already exists in cron_tasks/");
        assertThat(mine.resolve("notes.md")).hasContent("the user's");
    }

    @Test
    void cronEditNameRenamesTheJobAndItsFolderAndRefusesClashes() throws Exception {
        tool("cron_add", "--name", "news", "--title", "News", "--description", "d", "--schedule", "0 7 * * *");
        tool("cron_add", "--name", "other", "--title", "Other", "--description", "d", "--schedule", "0 8 * * *");
        Path old = tmp.resolve("workspace/cron_tasks/news");
        Files.writeString(old.resolve("news_MEMORY.md"), "# news Memory\n- 2026-12-05 sent the digest\n");

        Run rename = tool("cron_edit", "news", "--name", "Daily News", "--schedule", "0 6 * * *");

        assertThat(rename.exit()).as(rename.out()).isZero();
        JsonNode out = json(rename);
        assertThat(out.path("job_id").asString()).isEqualTo("daily-news");
        assertThat(out.path("folder_renamed").asBoolean()).isTrue();
        assertThat(out.path("name_sanitized").asBoolean()).isTrue();
        assertThat(out.path("updated_fields").toString()).contains("id", "task_folder", "schedule");
        Path renamed = tmp.resolve("workspace/cron_tasks/daily-news");
        assertThat(old).doesNotExist();
        assertThat(renamed.resolve("daily-news_MEMORY.md")).content().contains("sent the digest");
        assertThat(renamed.resolve("CLAUDE.md")).content().contains("daily-news_MEMORY.md");
        assertThat(renamed.resolve("TASK_DESCRIPTION.md")).exists();
        JsonNode job = mapper.readTree(jobsFile().toFile()).path("jobs").get(0);
        assertThat(job.path("id").asString()).isEqualTo("daily-news");
        assertThat(job.path("task_folder").asString()).isEqualTo("daily-news");
        assertThat(job.path("schedule").asString()).isEqualTo("0 6 * * *");

        Run clash = tool("cron_edit", "daily-news", "--name", "other");
        assertThat(clash.exit()).isEqualTo(1);
        assertThat(json(clash).path("error").asString()).isEqualTo("Job 'other' already exists");

        Path taken = Files.createDirectories(tmp.resolve("workspace/cron_tasks/taken"));
        Run folderClash = tool("cron_edit", "daily-news", "--name", "taken");
        assertThat(json(folderClash).path("error").asString())
                .isEqualTo("Target folder already exists: cron_tasks/taken");
        assertThat(taken).isEmptyDirectory();
        assertThat(renamed.resolve("daily-news_MEMORY.md")).exists();
        assertThat(mapper.readTree(jobsFile().toFile())
                        .path("jobs")
                        .get(0)
                        .path("id")
                        .asString())
                .isEqualTo("daily-news");
    }

    @Test
    void webhookEditChangesAHookInPlaceWithAddsChecks() throws Exception {
        String token = json(tool(
                        "webhook_add",
                        "--name",
                        "ci",
                        "--title",
                        "CI",
                        "--description",
                        "d",
                        "--mode",
                        "wake",
                        "--prompt-template",
                        "Build {{id}}"))
                .path("bearer_token")
                .asString();

        Run edit = tool("webhook_edit", "ci", "--prompt-template", "Build {{id}} is {{state}}", "--disable");
        assertThat(edit.exit()).as(edit.out()).isZero();
        assertThat(json(edit).path("changes").path("enabled").asBoolean(true)).isFalse();
        JsonNode hook = hooks().get(0);
        assertThat(hook.path("prompt_template").asString()).isEqualTo("Build {{id}} is {{state}}");
        assertThat(hook.path("enabled").asBoolean()).isFalse();
        assertThat(hook.path("token").asString()).isEqualTo(token);

        assertThat(json(tool("webhook_edit", "ci", "--model", "opus"))
                        .path("error")
                        .asString())
                .contains("cron_task hooks only");
        assertThat(json(tool("webhook_edit", "ci", "--auth-mode", "hmac"))
                        .path("error")
                        .asString())
                .contains("--hmac-secret and --hmac-header are required");
        assertThat(json(tool("webhook_edit", "ci", "--hmac-sig-regex", "("))
                        .path("error")
                        .asString())
                .contains("not a valid regular expression");
        assertThat(json(tool("webhook_edit", "nope", "--enable"))
                        .path("available_hooks")
                        .toString())
                .isEqualTo("[\"ci\"]");

        Run hmac =
                tool("webhook_edit", "ci", "--auth-mode", "hmac", "--hmac-secret", "s3cret", "--hmac-header", "X-Sig");
        assertThat(hmac.exit()).as(hmac.out()).isZero();
        assertThat(hmac.out()).doesNotContain("s3cret").contains("(set)");
        assertThat(hooks().get(0).path("hmac_secret").asString()).isEqualTo("s3cret");

        Run regenerate = tool("webhook_edit", "ci", "--regenerate-token");
        assertThat(json(regenerate).path("error").asString()).startsWith("Cannot regenerate token");
        Run back = tool("webhook_edit", "ci", "--auth-mode", "bearer", "--regenerate-token");
        assertThat(back.exit()).as(back.out()).isZero();
        String fresh = json(back).path("changes").path("new_bearer_token").asString();
        assertThat(fresh).isNotEqualTo(token).hasSizeGreaterThanOrEqualTo(43);
        assertThat(hooks().get(0).path("token").asString()).isEqualTo(fresh);
    }

    @Test
    void webhookRotateTokenReplacesOneOrEveryBearerToken() throws Exception {
        for (String name : List.of("a", "b")) {
            tool(
                    "webhook_add",
                    "--name",
                    name,
                    "--title",
                    name,
                    "--description",
                    "d",
                    "--mode",
                    "wake",
                    "--prompt-template",
                    "t");
        }
        tool(
                "webhook_add",
                "--name",
                "signed",
                "--title",
                "S",
                "--description",
                "d",
                "--mode",
                "wake",
                "--prompt-template",
                "t",
                "--auth-mode",
                "hmac",
                "--hmac-secret",
                "s",
                "--hmac-header",
                "X-Sig");
        String a = hooks().get(0).path("token").asString();
        String b = hooks().get(1).path("token").asString();

        Run one = tool("webhook_rotate_token", "a");
        assertThat(one.exit()).as(one.out()).isZero();
        String newA = json(one).path("rotated").get(0).path("bearer_token").asString();
        assertThat(hooks().get(0).path("token").asString()).isEqualTo(newA).isNotEqualTo(a);
        assertThat(hooks().get(1).path("token").asString()).isEqualTo(b);

        Run all = tool("webhook_rotate_token");
        assertThat(json(all).path("count").asInt()).isEqualTo(2);
        assertThat(hooks().get(0).path("token").asString()).isNotEqualTo(newA);
        assertThat(hooks().get(1).path("token").asString()).isNotEqualTo(b);
        assertThat(hooks().get(2).path("token").asString()).isEmpty();

        assertThat(json(tool("webhook_rotate_token", "signed")).path("error").asString())
                .contains("HMAC");
    }

    @Test
    void webhookTestFiresTheHookThroughTheWebhookServerAsItsSenderWould() throws Exception {
        try (var server = new dev.ductor.scheduler.webhook.WebhookHarness(tmp, 30, "{\"hooks\": []}")) {
            server.clock.set(NOW);
            Run off = tool("webhook_test", "x");
            assertThat(json(off).path("error").asString()).startsWith("The webhook server is off");
            webhooks = new DuctorConfig.Webhooks(true, "127.0.0.1", server.port(), "global-token", 4096, 30);
            tool(
                    "webhook_add",
                    "--name",
                    "plain",
                    "--title",
                    "P",
                    "--description",
                    "d",
                    "--mode",
                    "wake",
                    "--prompt-template",
                    "Build {{id}}");
            tool(
                    "webhook_add",
                    "--name",
                    "github",
                    "--title",
                    "G",
                    "--description",
                    "d",
                    "--mode",
                    "wake",
                    "--prompt-template",
                    "PR {{id}}",
                    "--auth-mode",
                    "hmac",
                    "--hmac-secret",
                    "gh-secret",
                    "--hmac-header",
                    "X-Hub-Signature-256");
            tool(
                    "webhook_add",
                    "--name",
                    "stripe",
                    "--title",
                    "S",
                    "--description",
                    "d",
                    "--mode",
                    "wake",
                    "--prompt-template",
                    "Paid {{id}}",
                    "--auth-mode",
                    "hmac",
                    "--hmac-secret",
                    "st-secret",
                    "--hmac-header",
                    "Stripe-Signature",
                    "--hmac-sig-prefix",
                    "",
                    "--hmac-sig-regex",
                    "v1=([a-f0-9]+)",
                    "--hmac-payload-prefix-regex",
                    "t=(\\d+)");
            server.reload();

            for (String hook : List.of("plain", "github", "stripe")) {
                Run fired = tool("webhook_test", hook, "--payload", "{\"id\": 7}");
                assertThat(fired.exit()).as(hook + ": " + fired.out()).isZero();
                assertThat(json(fired).path("status").asInt()).isEqualTo(202);
                assertThat(json(fired).path("response").path("hook_id").asString())
                        .isEqualTo(hook);
            }
            assertThat(server.sent).hasSize(3);

            String old = hooks().get(0).path("token").asString();
            tool("webhook_rotate_token", "plain");
            tool("webhook_edit", "github", "--disable");
            server.reload();
            assertThat(server.post("plain", "{}", "Authorization", "Bearer " + old)
                            .statusCode())
                    .isEqualTo(401);
            assertThat(tool("webhook_test", "plain").exit()).isZero();
            Run disabled = tool("webhook_test", "github");
            assertThat(disabled.exit()).isEqualTo(1);
            assertThat(json(disabled).path("status").asInt()).isEqualTo(403);
            assertThat(server.sent).hasSize(4);
        }
    }

    private JsonNode hooks() throws IOException {
        return mapper.readTree(tmp.resolve("webhooks.json").toFile()).path("hooks");
    }
}
