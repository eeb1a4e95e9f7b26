package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promtool} (Debian package {@code prometheus}) checks the alert rules, runs their unit tests and
 * parses every dashboard query. Skipped, saying so, when promtool is not on the PATH.
 */
class PromtoolRulesTest {

    private Path promtool;

    @BeforeEach
    void findPromtool() {
        Optional<Path> found = onPath("promtool");
        assumeTrue(
                found.isPresent(),
                "promtool is not on the PATH: install Debian's `prometheus` package "
                        + "(CI does) to run the alert rule tests. Skipping them.");
        promtool = found.get();
    }

    @Test
    void alertRulesAreValid() throws Exception {
        assertThat(run(
                        "check",
                        "rules",
                        ProjectFiles.path("deploy/prometheus/alerts.yml").toString()))
                .contains("SUCCESS");
    }

    @Test
    void alertRulesPassTheirUnitTests() throws Exception {
        assertThat(run(
                        "test",
                        "rules",
                        ProjectFiles.path("deploy/prometheus/alerts.test.yml").toString()))
                .contains("SUCCESS");
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        List<String> lines = new ArrayList<>(List.of("groups:", "  - name: dashboard", "    rules:"));
        int n = 0;
        for (DashboardQueriesTest.Query query : DashboardQueriesTest.dashboardQueries()) {
            String expr = query.expression().replace("$__rate_interval", "5m");
            lines.add("      - record: dashboard_query_" + n++);
            lines.add("        expr: '" + expr.replace("'", "''") + "'");
        }
        Path rules = Files.write(dir.resolve("dashboard-rules.yml"), lines);
        assertThat(run("check", "rules", rules.toString())).contains("SUCCESS: " + n + " rules found");
    }

    private String run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("promtool finished").isTrue();
        assertThat(process.exitValue())
                .as(String.join(" ", command) + "\n" + output)
                .isZero();
        return output;
    }

    private static Optional<Path> onPath(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
