package io.burnwatch.stack.artifacts;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@DisplayName("The Grafana dashboard in deploy/grafana")
class GrafanaDashboardTest {

    private static final JsonNode DASHBOARD = DeployFiles.json("grafana/burnwatch-dashboard.json");
    private static final Pattern VARIABLE = Pattern.compile("\\$(\\w+)");

    @Test
    @DisplayName("is a dashboard of schema version 39 with a uid, a title and unique panel ids that fit the grid")
    void wellFormed() {
        assertThat(DASHBOARD.path("schemaVersion").asInt()).isEqualTo(39);
        assertThat(DASHBOARD.path("uid").asText()).isNotBlank();
        assertThat(DASHBOARD.path("title").asText()).isNotBlank();
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : DASHBOARD.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique id of %s", panel.path("title")).isTrue();
            JsonNode grid = panel.path("gridPos");
            assertThat(grid.path("w").asInt()).as("width of %s", panel.path("title")).isPositive();
            assertThat(grid.path("x").asInt() + grid.path("w").asInt()).as("right edge of %s", panel.path("title"))
                    .isLessThanOrEqualTo(24);
        }
    }

    @Test
    @DisplayName("queries the data source chosen in its variables, and only variables it defines")
    void dataSourceAndVariables() {
        Set<String> variables = new TreeSet<>();
        DASHBOARD.path("templating").path("list").forEach(variable -> variables.add(variable.path("name").asText()));
        for (JsonNode panel : graphs()) {
            assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText()).isEqualTo("${datasource}");
        }
        for (String expression : expressions().values()) {
            Matcher variable = VARIABLE.matcher(expression);
            while (variable.find()) {
                if (!variable.group(1).startsWith("__")) {
                    assertThat(variables).as("variables %s uses", expression).contains(variable.group(1));
                }
            }
        }
    }

    @Test
    @DisplayName("selects only metrics burnwatch exposes, and shows every one of burnwatch's own")
    void metrics() {
        Set<String> shown = new TreeSet<>();
        expressions().forEach((panel, expression) -> {
            Set<String> names = PromQl.metricNames(expression);
            assertThat(names).as("metrics of %s: %s", panel, expression).isNotEmpty().allMatch(ExposedMetrics::exposed);
            names.forEach(name -> shown.add(ExposedMetrics.family(name)));
        });

        assertThat(shown).containsAll(ExposedMetrics.BURNWATCH);
        assertThat(shown).anyMatch(name -> name.startsWith("kafka_consumer_")).anyMatch(name -> name.startsWith("jvm_memory_"));
    }

    @Test
    @DisplayName("shows end-to-end lag as p50, p95 and p99 of the histogram")
    void endToEndLagQuantiles() {
        List<String> quantiles = expressions().values().stream()
                .filter(expression -> expression.contains("burnwatch_end_to_end_lag_seconds_bucket"))
                .map(expression -> expression.replaceAll("^\\s*histogram_quantile\\(\\s*([0-9.]+)\\s*,.*$", "$1"))
                .toList();

        assertThat(quantiles).containsExactlyInAnyOrder("0.5", "0.95", "0.99");
    }

    @Test
    @DisplayName("has queries that are valid PromQL (promtool check rules)")
    void validPromQl(@TempDir Path directory) {
        List<Map<String, String>> rules = new ArrayList<>();
        List<String> expressions = new ArrayList<>(expressions().values());
        IntStream.range(0, expressions.size()).forEach(i -> rules.add(Map.of(
                "record", "burnwatch_dashboard:query_" + i,
                "expr", expressions.get(i).replace("$__rate_interval", "5m").replace("$instance", ".*"))));
        DeployFiles.writeYaml(directory.resolve("dashboard-queries.yml"),
                Map.of("groups", List.of(Map.of("name", "dashboard", "rules", rules))));

        Promtool.Result result = Promtool.run(directory, "check", "rules", "dashboard-queries.yml");

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + expressions.size() + " rules found");
    }

    private static List<JsonNode> graphs() {
        List<JsonNode> graphs = new ArrayList<>();
        DASHBOARD.path("panels").forEach(panel -> {
            if (!"row".equals(panel.path("type").asText())) {
                graphs.add(panel);
            }
        });
        assertThat(graphs).isNotEmpty();
        return graphs;
    }

    /** Each query's expression, keyed by its panel's title and refId. */
    private static Map<String, String> expressions() {
        Map<String, String> expressions = new LinkedHashMap<>();
        for (JsonNode panel : graphs()) {
            assertThat(panel.path("targets")).as("queries of %s", panel.path("title")).isNotEmpty();
            panel.path("targets").forEach(target -> expressions.put(
                    panel.path("title").asText() + " " + target.path("refId").asText(), target.path("expr").asText()));
        }
        return expressions;
    }
}
