package io.burnwatch.streams.clock;

import io.burnwatch.streams.config.BurnwatchConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The sources ({@link SourceClock}) that may feed an input partition besides its own producers: each partition of
 * the JSON, OpenTelemetry and webhook topics, through the tasks that read them and forward events, and each
 * partition of the input topics, through the move of misplaced records. Partition counts are those burnwatch
 * creates its topics with.
 */
public record InputSources(List<String> names) {

    public InputSources {
        names = List.copyOf(names);
    }

    public static InputSources of(BurnwatchConfig config) {
        return of(config, List.of(config.usageJsonTopic(), config.outcomesJsonTopic(), config.usageTopic(),
                config.outcomesTopic(), config.otlpLogsTopic(), config.webhooksTopic()));
    }

    /** The sources of calls only. */
    public static InputSources ofCalls(BurnwatchConfig config) {
        return of(config, List.of(config.usageJsonTopic(), config.usageTopic(), config.otlpLogsTopic()));
    }

    public static InputSources none() {
        return new InputSources(List.of());
    }

    /** None with one partition: every source then feeds the one partition, in its own order. */
    private static InputSources of(BurnwatchConfig config, List<String> topics) {
        List<String> names = new ArrayList<>();
        if (config.topicPartitions() == 1) {
            return new InputSources(names);
        }
        for (String topic : topics) {
            for (int partition = 0; partition < config.topicPartitions(); partition++) {
                names.add(name(topic, partition));
            }
        }
        return new InputSources(names);
    }

    /** The name a record read from {@code partition} of {@code topic} is stamped with. */
    public static String name(String topic, int partition) {
        return topic + "-" + partition;
    }
}
