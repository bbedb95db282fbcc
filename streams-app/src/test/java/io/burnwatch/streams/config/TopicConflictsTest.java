package io.burnwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Topic settings that share a topic")
class TopicConflictsTest {

    @ParameterizedTest(name = "{0}={1}")
    @CsvSource({
            "burnwatch.topic.dlq, burnwatch.usage, burnwatch.topic.usage",
            "burnwatch.topic.dlq, burnwatch.outcomes, burnwatch.topic.outcomes",
            "burnwatch.topic.dlq, burnwatch.usage.json, burnwatch.topic.usage.json",
            "burnwatch.topic.late, burnwatch.outcomes.json, burnwatch.topic.outcomes.json",
            "burnwatch.topic.alerts, burnwatch.budgets, burnwatch.topic.budgets",
            "burnwatch.topic.rollups.1m, burnwatch.prices, burnwatch.topic.prices"})
    @DisplayName("an output on an input topic is refused: the app would read its own records back")
    void outputOnInput(String output, String topic, String input) {
        assertThatThrownBy(() -> BurnwatchConfig.of(Map.of(output, topic)))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith(output + " is " + topic + ", the input topic of " + input
                        + ": the app would read back every record it writes there")
                .hasMessageEndingWith("set " + output + " to a topic of its own, e.g. its default "
                        + BurnwatchSettings.DEFINITION.configKeys().get(output).defaultValue);
    }

    @Test
    @DisplayName("an input moved onto an output's default topic is the one the fix names")
    void inputOnOutput() {
        assertThatThrownBy(() -> BurnwatchConfig.of(Map.of("burnwatch.topic.usage", "burnwatch.dlq")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("burnwatch.topic.dlq is burnwatch.dlq, the input topic of burnwatch.topic.usage: the app"
                        + " would read back every record it writes there, and loop on a bad one forever: set"
                        + " burnwatch.topic.usage to a topic of its own, e.g. its default burnwatch.usage");
    }

    @Test
    @DisplayName("two inputs, or two outputs, on one topic are refused: their records would mix")
    void twoOfAKind() {
        assertThatThrownBy(() -> BurnwatchConfig.of(Map.of("burnwatch.topic.usage.json", "burnwatch.usage")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("burnwatch.topic.usage.json and burnwatch.topic.usage are both burnwatch.usage: one topic"
                        + " would mix two kinds of record that nothing tells apart: set burnwatch.topic.usage.json to a"
                        + " topic of its own, e.g. its default burnwatch.usage.json");
        assertThatThrownBy(() -> BurnwatchConfig.of(Map.of("burnwatch.topic.rollups.1h", "rollups",
                "burnwatch.topic.rollups.1d", "rollups")))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("burnwatch.topic.rollups.1d and burnwatch.topic.rollups.1h are both rollups");
    }

    @Test
    @DisplayName("topics of their own, renamed or not, pass")
    void distinct() {
        assertThatCode(() -> BurnwatchConfig.of(Map.of("burnwatch.topic.dlq", "team-a.dlq",
                "burnwatch.topic.usage", "team-a.usage"))).doesNotThrowAnyException();
    }
}
