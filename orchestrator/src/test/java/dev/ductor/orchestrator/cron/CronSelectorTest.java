package dev.ductor.orchestrator.cron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.ductor.config.DuctorHome;
import dev.ductor.model.Button;
import dev.ductor.model.ButtonPressed;
import dev.ductor.model.ChatRef;
import dev.ductor.orchestrator.reply.Replies;
import dev.ductor.orchestrator.reply.SelectorMessage;
import dev.ductor.orchestrator.reply.SelectorMessages;
import dev.ductor.orchestrator.reply.Texts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.json.JsonMapper;

class CronSelectorTest {

    private static final ChatRef CHAT = new ChatRef("tg", "main", 42, null);

    @TempDir
    Path home;

    private Path file;
    private CronJobs jobs;
    private final Replies replies = mock(Replies.class);
    private CronSelector selector;

    @BeforeEach
    void setUp() {
        file = home.resolve("cron_jobs.json");
        jobs = new CronJobs(file);
        selector = new CronSelector(jobs, new SelectorMessages(replies, new DuctorHome(home)), Texts.english());
    }

    private void writeJobs(int count, String... disabled) throws Exception {
        var list = List.of(disabled);
        String json = IntStream.rangeClosed(1, count)
                .mapToObj(i -> "{\"id\":\"job" + i + "\",\"title\":\"Job " + i + "\",\"schedule\":\"0 " + i
                        + " * * *\",\"task_folder\":\"t" + i + "\",\"enabled\":" + !list.contains("job" + i)
                        + ",\"last_run_status\":\"success\"}")
                .reduce((a, b) -> a + "," + b)
                .orElse("");
        Files.writeString(file, "{\"jobs\":[" + json + "],\"extra\":{\"kept\":true}}");
    }

    private static List<String> data(SelectorMessage.View view) {
        return view.buttons().stream().flatMap(List::stream).map(Button::data).toList();
    }

    private String press(String data) {
        return selector.press(new ButtonPressed(CHAT, "private", 1, "cb", "9", data));
    }

    @Test
    void noFileMeansNoJobsWithDuctorsHint() {
        var view = selector.view(0, null);
        assertThat(view.text())
                .isEqualTo("**Scheduled Tasks**\n\n───\n\nNo cron jobs configured.\n\n───\n\n"
                        + "*Ask your agent: \"Run a backup check every day at 9am\"*");
        assertThat(view.buttons()).isEmpty();
    }

    @Test
    void listsSixJobsPerPageWithTogglesPagesAndAllButtons() throws Exception {
        writeJobs(8, "job2");
        var first = selector.view(0, null);
        assertThat(first.text())
                .startsWith(
                        "**Scheduled Tasks**\n\n───\n\n1. **Job 1** (active)\n   `0 1 * * *`\n2. **Job 2** (paused)")
                .contains("6. **Job 6**")
                .doesNotContain("Job 7")
                .endsWith("\n\n───\n\n7/8 active · page 1/2");
        String fp = CronSelector.fingerprint(jobs.list());
        assertThat(first.buttons().get(0)).containsExactly(new Button("1. Disable", "crn:t:0:0:" + fp + ":0"));
        assertThat(first.buttons().get(1)).containsExactly(new Button("2. Enable", "crn:t:0:1:" + fp + ":1"));
        assertThat(data(first))
                .contains("crn:r:0", "crn:n:0", "crn:ao:0", "crn:af:0")
                .doesNotContain("crn:p:0");

        var second = selector.view(1, null);
        assertThat(second.text()).contains("7. **Job 7**", "8. **Job 8**").endsWith("page 2/2");
        assertThat(data(second)).contains("crn:p:1", "crn:t:1:0:" + fp + ":0").doesNotContain("crn:n:1");
    }

    @Test
    void aToggleSwitchesThatJobKeepsEverythingElseAndEditsTheSelector() throws Exception {
        writeJobs(8);
        selector.open(CHAT, "5");
        String fp = CronSelector.fingerprint(jobs.list());

        assertThat(press("crn:t:1:1:" + fp + ":0")).isEqualTo("'Job 8' disabled.");
        assertThat(jobs.list().get(7).enabled()).isFalse();
        var root = JsonMapper.builder().build().readTree(Files.readString(file));
        assertThat(root.get("extra").get("kept").asBoolean()).isTrue();
        assertThat(root.get("jobs").get(7).get("last_run_status").asString()).isEqualTo("success");

        var edited = org.mockito.ArgumentCaptor.forClass(String.class);
        verify(replies).edit(eq(CHAT), eq("crn-tg:42-5"), anyString(), edited.capture(), any());
        assertThat(edited.getValue()).contains("'Job 8' disabled.\n8/8 active".replace("8/8", "7/8"));

        // the same press delivered again (a retry after a failure): still disabled, not flipped back
        assertThat(press("crn:t:1:1:" + fp + ":0")).isEqualTo("'Job 8' disabled.");
        assertThat(jobs.list().get(7).enabled()).isFalse();
        assertThat(press("crn:t:1:1:" + fp + ":1")).isEqualTo("'Job 8' enabled.");
        assertThat(jobs.list().get(7).enabled()).isTrue();
    }

    @Test
    void aToggleOnAListChangedMeanwhileSwitchesNothing() throws Exception {
        writeJobs(3);
        String fp = CronSelector.fingerprint(jobs.list());
        writeJobs(4); // a job was added since the selector was shown
        assertThat(press("crn:t:0:2:" + fp)).isEqualTo("Cron list changed. Please try again.");
        assertThat(jobs.list()).allMatch(CronJobs.Job::enabled);
        assertThat(press("crn:t:0:9:" + CronSelector.fingerprint(jobs.list())))
                .isEqualTo("Cron list changed. Please try again.");
    }

    @Test
    void allOnAndAllOffSayWhetherAnythingChanged() throws Exception {
        writeJobs(3, "job1");
        assertThat(press("crn:ao:0")).isEqualTo("All cron jobs enabled.");
        assertThat(press("crn:ao:0")).isEqualTo("All cron jobs were already enabled.");
        assertThat(press("crn:af:0")).isEqualTo("All cron jobs disabled.");
        assertThat(jobs.list()).noneMatch(CronJobs.Job::enabled);
        assertThat(press("crn:af:0")).isEqualTo("All cron jobs were already disabled.");
        assertThat(press("crn:zz:0")).isEqualTo("Unknown action. Refreshed cron list.");
    }

    @Test
    void aBrokenFileIsShownNotThrown() throws Exception {
        Files.writeString(file, "{\"jobs\": [");
        assertThat(selector.view(0, null).text()).contains("Could not read cron_jobs.json");
        assertThat(press("crn:ao:0")).startsWith("Could not read cron_jobs.json");
        assertThat(Files.readString(file)).isEqualTo("{\"jobs\": [");
    }

    @Test
    void aFailedEditKeepsTheToggleAndTheAnswerFitsTelegramsLimit() throws Exception {
        writeJobs(2);
        org.mockito.Mockito.doThrow(new org.springframework.amqp.AmqpException("broker down"))
                .when(replies)
                .edit(any(), any(), any(), any(), any());
        String fp = CronSelector.fingerprint(jobs.list());
        assertThat(press("crn:t:0:0:" + fp + ":0")).isEqualTo("'Job 1' disabled.");
        assertThat(jobs.list().get(0).enabled()).isFalse();

        Files.writeString(file, "{\"jobs\": [" + "x".repeat(500));
        assertThat(press("crn:ao:0")).hasSizeLessThanOrEqualTo(200);
    }
}
