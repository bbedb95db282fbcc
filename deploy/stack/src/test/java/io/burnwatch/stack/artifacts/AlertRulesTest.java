package io.burnwatch.stack.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Prometheus alerting rules in deploy/prometheus")
class AlertRulesTest {

    private static final String RULES = "prometheus/burnwatch-rules.yml";
    private static final String RULE_TESTS = "prometheus/burnwatch-rules.test.yml";

    @Test
    @DisplayName("pass promtool check rules")
    void checkRules() {
        Promtool.Result result = Promtool.run(DeployFiles.file(RULES).getParent(), "check", "rules", "burnwatch-rules.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    @DisplayName("pass their promtool unit tests")
    void unitTests() {
        Promtool.Result result = Promtool.run(DeployFiles.file(RULE_TESTS).getParent(), "test", "rules", "burnwatch-rules.test.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    @DisplayName("page for lag growing, dead letters, the app not RUNNING or not reporting, and no events")
    void alertsShipped() {
        assertThat(rules()).extracting(rule -> rule.path("alert").asText()).containsExactlyInAnyOrder(
                "BurnwatchConsumerLagGrowing", "BurnwatchDeadLetters", "BurnwatchNotRunning", "BurnwatchMetricsAbsent",
                "BurnwatchNoEvents");
    }

    @Test
    @DisplayName("select only metrics burnwatch exposes")
    void exposedMetricsOnly() {
        for (JsonNode rule : rules()) {
            String expression = rule.path("expr").asText();
            assertThat(PromQl.metricNames(expression)).as("metrics of %s: %s", rule.path("alert").asText(), expression)
                    .isNotEmpty()
                    .allMatch(ExposedMetrics::exposed);
        }
    }

    @Test
    @DisplayName("each carry a severity, a summary, a description and a runbook hint")
    void labelsAndAnnotations() {
        for (JsonNode rule : rules()) {
            assertThat(rule.path("labels").path("severity").asText()).as(rule.toString()).isIn("critical", "warning");
            assertThat(rule.path("annotations").path("summary").asText()).as(rule.toString()).isNotBlank();
            assertThat(rule.path("annotations").path("description").asText()).as(rule.toString()).isNotBlank();
            assertThat(rule.path("annotations").path("runbook").asText()).as(rule.toString()).isNotBlank();
        }
    }

    @Test
    @DisplayName("are each unit-tested both firing and not firing")
    void testedBothWays() {
        Set<String> firing = new TreeSet<>();
        Set<String> quiet = new TreeSet<>();
        for (JsonNode test : DeployFiles.yaml(RULE_TESTS).path("tests")) {
            for (JsonNode check : test.path("alert_rule_test")) {
                (check.path("exp_alerts").isEmpty() ? quiet : firing).add(check.path("alertname").asText());
            }
        }
        List<String> alerts = rules().stream().map(rule -> rule.path("alert").asText()).toList();

        assertThat(firing).as("alerts tested firing").containsExactlyInAnyOrderElementsOf(alerts);
        assertThat(quiet).as("alerts tested not firing").containsExactlyInAnyOrderElementsOf(alerts);
    }

    private static List<JsonNode> rules() {
        List<JsonNode> rules = new ArrayList<>();
        DeployFiles.yaml(RULES).path("groups")
                .forEach(group -> StreamSupport.stream(group.path("rules").spliterator(), false).forEach(rules::add));
        assertThat(rules).as("rules in %s", RULES).isNotEmpty();
        return rules;
    }
}
