package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code promtool} (Debian package {@code prometheus}) checks the alert rules, runs their unit tests and
 * parses every dashboard query. Skipped, saying so, when promtool is not on the PATH.
 */
class PromtoolRulesTest {

    private Tool promtool;

    @BeforeEach
    void findPromtool() {
        promtool = Tool.required("promtool", "prometheus", "run the alert rule tests (CI does)");
    }

    @Test
    void alertRulesAreValid() throws Exception {
        assertThat(promtool.succeed(
                        "check",
                        "rules",
                        ProjectFiles.path("deploy/prometheus/alerts.yml").toString()))
                .contains("SUCCESS");
    }

    @Test
    void alertRulesPassTheirUnitTests() throws Exception {
        assertThat(promtool.succeed(
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
        assertThat(promtool.succeed("check", "rules", rules.toString())).contains("SUCCESS: " + n + " rules found");
    }
}
