package io.burnwatch.streams.config;

import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_ALERTS;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_BUDGETS;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_IDENTITIES;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_OTLP_LOGS;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_WEBHOOKS;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_DLQ;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_LATE;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_OUTCOMES;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_OUTCOMES_JSON;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_PRICES;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_ROLLUPS_1D;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_ROLLUPS_1H;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_ROLLUPS_1M;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_USAGE;
import static io.burnwatch.streams.config.BurnwatchSettings.TOPIC_USAGE_JSON;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * Every topic setting names a topic of its own. An output on an input topic is read again by the app that wrote it
 * (a bad record sent to a dead-letter topic that is also an input loops forever); two inputs, or two outputs, on one
 * topic mix records of different kinds that nothing can tell apart (rollup keys do not say their window's size).
 */
final class TopicConflicts {

    /** The topics the app reads, in the order their settings are checked. */
    static final List<String> INPUTS = List.of(TOPIC_USAGE, TOPIC_OUTCOMES, TOPIC_USAGE_JSON, TOPIC_OUTCOMES_JSON,
            TOPIC_PRICES, TOPIC_BUDGETS, TOPIC_OTLP_LOGS, TOPIC_WEBHOOKS, TOPIC_IDENTITIES);
    /** The topics the app writes and does not read. */
    static final List<String> OUTPUTS = List.of(TOPIC_DLQ, TOPIC_LATE, TOPIC_ALERTS, TOPIC_ROLLUPS_1M,
            TOPIC_ROLLUPS_1H, TOPIC_ROLLUPS_1D);

    private TopicConflicts() {
    }

    /**
     * @param app the parsed burnwatch settings
     * @throws ConfigException naming the first two settings that share a topic, and the fix
     */
    static void check(Map<String, Object> app) {
        Map<String, String> settingOfTopic = new LinkedHashMap<>();
        for (String setting : INPUTS) {
            claim(settingOfTopic, setting, topic(app, setting));
        }
        for (String setting : OUTPUTS) {
            claim(settingOfTopic, setting, topic(app, setting));
        }
    }

    private static void claim(Map<String, String> settingOfTopic, String setting, String topic) {
        String other = settingOfTopic.putIfAbsent(topic, setting);
        if (other == null) {
            return;
        }
        // The fix names the setting that was moved off its default.
        String moved = topic.equals(defaultOf(setting)) ? other : setting;
        String fix = ": set " + moved + " to a topic of its own, e.g. its default " + defaultOf(moved);
        if (INPUTS.contains(other) && OUTPUTS.contains(setting)) {
            throw new ConfigException(setting + " is " + topic + ", the input topic of " + other
                    + ": the app would read back every record it writes there, and loop on a bad one forever" + fix);
        }
        throw new ConfigException(setting + " and " + other + " are both " + topic
                + ": one topic would mix two kinds of record that nothing tells apart" + fix);
    }

    private static String defaultOf(String setting) {
        return String.valueOf(BurnwatchSettings.DEFINITION.configKeys().get(setting).defaultValue);
    }

    private static String topic(Map<String, Object> app, String setting) {
        return String.valueOf(app.get(setting)).trim();
    }
}
