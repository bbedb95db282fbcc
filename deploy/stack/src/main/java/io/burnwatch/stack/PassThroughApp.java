package io.burnwatch.stack;

import io.burnwatch.streams.config.BurnwatchConfig;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

/**
 * The ceiling burnwatch is measured against: a Kafka Streams app that reads burnwatch's input topics and writes
 * every record unchanged to one topic, as bytes, with burnwatch's Kafka Streams settings (exactly_once_v2, its
 * commit interval, its client defaults). Usage: {@code PassThroughApp BOOTSTRAP STATE_DIR OUTPUT_TOPIC
 * [KEY=VALUE...]}, the settings being those the benchmark also gives burnwatch.
 */
public final class PassThroughApp {

    static final String APPLICATION_ID = "burnwatch-bench-pass-through";

    private PassThroughApp() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings = new HashMap<>();
        for (String setting : Arrays.asList(args).subList(3, args.length)) {
            settings.put(setting.substring(0, setting.indexOf('=')), setting.substring(setting.indexOf('=') + 1));
        }
        settings.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, args[0]);
        settings.put(StreamsConfig.STATE_DIR_CONFIG, args[1]);
        settings.put(StreamsConfig.APPLICATION_ID_CONFIG, APPLICATION_ID);
        BurnwatchConfig config = BurnwatchConfig.of(settings);
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(List.of(config.usageTopic(), config.outcomesTopic()),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .to(args[2], Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        Properties properties = config.streamsProperties();
        CountDownLatch stopped = new CountDownLatch(1);
        KafkaStreams streams = new KafkaStreams(builder.build(), properties);
        streams.setStateListener((now, before) -> {
            if (now == KafkaStreams.State.NOT_RUNNING || now == KafkaStreams.State.ERROR) {
                stopped.countDown();
            }
        });
        Runtime.getRuntime().addShutdownHook(new Thread(streams::close, "pass-through-shutdown"));
        streams.start();
        stopped.await();
    }
}
