package dev.ductor.systemtests.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The alert rules name only catalogued metrics, cover the failures of issue 17, and each has a promtool test. */
class AlertRulesTest {

    static List<Map<String, Object>> rules() {
        Map<String, Object> file = new Yaml().load(ProjectFiles.read("deploy/prometheus/alerts.yml"));
        List<Map<String, Object>> rules = new ArrayList<>();
        for (Object group : (List<?>) file.get("groups")) {
            for (Object rule : (List<?>) ComposeFile.map(group).get("rules")) {
                rules.add(ComposeFile.map(rule));
            }
        }
        return rules;
    }

    @Test
    void everyRuleNamesOnlyCataloguedMetrics() {
        MetricsCatalogue catalogue = MetricsCatalogue.read();
        List<String> offending = new ArrayList<>();
        for (Map<String, Object> rule : rules()) {
            Set<String> unlisted = catalogue.unlistedIn(String.valueOf(rule.get("expr")));
            if (!unlisted.isEmpty()) {
                offending.add(rule.get("alert") + ": " + unlisted);
            }
        }
        assertThat(rules()).isNotEmpty();
        assertThat(offending).as("metrics missing from docs/metrics.md").isEmpty();
    }

    @Test
    void theFailuresAnOperatorMustHearAboutHaveARule() {
        assertThat(rules())
                .extracting(r -> r.get("alert"))
                .contains(
                        "DuctorServiceDown",
                        "DuctorGatewayNotPolling",
                        "DuctorNoRunnerConsuming",
                        "DuctorDeadLettersGrowing",
                        "DuctorTelegram429Storm",
                        "DuctorSlowFirstText",
                        "DuctorDiskNearlyFull");
    }

    @Test
    void everyAlertIsSeenFiringInTheRulesTests() {
        Map<String, Object> tests = new Yaml().load(ProjectFiles.read("deploy/prometheus/alerts.test.yml"));
        Set<Object> firing = new TreeSet<>();
        for (Object test : (List<?>) tests.get("tests")) {
            for (Object check : (List<?>) ComposeFile.map(test).get("alert_rule_test")) {
                Map<String, Object> c = ComposeFile.map(check);
                if (c.get("exp_alerts") instanceof List<?> expected && !expected.isEmpty()) {
                    firing.add(c.get("alertname"));
                }
            }
        }
        assertThat(firing).containsAll(rules().stream().map(r -> r.get("alert")).toList());
    }
}
