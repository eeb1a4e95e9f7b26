package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Every dashboard query names only catalogued metrics, and the ductor dashboard shows what users feel. */
class DashboardQueriesTest {

    private final MetricsCatalogue catalogue = MetricsCatalogue.read();

    /** A panel query: where it is, and its PromQL. */
    record Query(String where, String expression) {}

    static List<Path> dashboards() throws IOException {
        try (Stream<Path> files = Files.list(ProjectFiles.path("deploy/grafana/dashboards"))) {
            return files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
    }

    static List<Query> dashboardQueries() throws IOException {
        List<Query> queries = new ArrayList<>();
        for (Path file : dashboards()) {
            JsonNode dashboard = JsonMapper.builder().build().readTree(file.toFile());
            collect(file.getFileName().toString(), dashboard.path("panels"), queries);
        }
        return queries;
    }

    private static void collect(String dashboard, JsonNode panels, List<Query> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                queries.add(new Query(
                        dashboard + " / " + panel.path("title").asString(),
                        target.path("expr").asString()));
            }
            collect(dashboard, panel.path("panels"), queries); // panels of a collapsed row
        }
    }

    @Test
    void everyPanelQueryNamesOnlyCataloguedMetrics() throws IOException {
        List<Query> queries = dashboardQueries();
        assertThat(queries).isNotEmpty();
        List<String> offending = new ArrayList<>();
        for (Query query : queries) {
            assertThat(query.expression()).as(query.where()).isNotBlank();
            Set<String> unlisted = catalogue.unlistedIn(query.expression());
            if (!unlisted.isEmpty()) {
                offending.add(query.where() + ": " + unlisted);
            }
        }
        assertThat(offending).as("metrics missing from docs/metrics.md").isEmpty();
    }

    @Test
    void theDuctorDashboardShowsWhatUsersFeel() throws IOException {
        Set<String> shown = new TreeSet<>();
        dashboardQueries().forEach(q -> shown.addAll(PromQl.metricNames(q.expression())));
        assertThat(shown)
                .contains(
                        // percentiles from histogram buckets: first visible text per transport, …
                        "ductor_time_to_first_text_seconds_bucket",
                        "ductor_run_first_output_seconds_bucket", // … and per provider
                        "ductor_turn_duration_seconds_bucket", // the final answer, per provider
                        "ductor_turn_duration_seconds_count", // turns by outcome
                        "ductor_queue_wait_seconds_bucket",
                        "ductor_runner_active_runs",
                        "ductor_runner_free_slots",
                        "ductor_telegram_api_calls_total",
                        "ductor_telegram_429_total",
                        "ductor_matrix_api_latency_seconds_count",
                        "ductor_matrix_429_total",
                        "ductor_webhook_requests_total",
                        "ductor_cron_fires_total",
                        "rabbitmq_queue_messages_ready",
                        "jvm_memory_used_bytes");
    }

    @Test
    void panelsUseTheProvisionedDatasourceAndGrafanaFindsTheDashboardFolder() throws IOException {
        Map<String, Object> datasources =
                new Yaml().load(ProjectFiles.read("deploy/grafana/provisioning/datasources/prometheus.yml"));
        Set<Object> uids = new TreeSet<>();
        for (Object ds : (List<?>) datasources.get("datasources")) {
            uids.add(((Map<?, ?>) ds).get("uid"));
        }
        for (Path file : dashboards()) {
            for (JsonNode ds :
                    JsonMapper.builder().build().readTree(file.toFile()).findValues("datasource")) {
                assertThat(uids)
                        .as(file + " datasource")
                        .contains(ds.path("uid").asString());
            }
        }
        Map<String, Object> providers =
                new Yaml().load(ProjectFiles.read("deploy/grafana/provisioning/dashboards/ductor.yml"));
        Object path =
                ((Map<?, ?>) ((Map<?, ?>) ((List<?>) providers.get("providers")).get(0)).get("options")).get("path");
        assertThat(ComposeFile.read().service("grafana").volumes())
                .contains("./deploy/grafana/dashboards:" + path + ":ro");
    }
}
