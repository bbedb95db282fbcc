package io.burnwatch.streams.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The meters of a running app besides burnwatch's own: {@code burnwatch.streams.running} (1 while Kafka Streams is
 * RUNNING, else 0), {@code burnwatch.streams.state} (tag {@code state}: 1 for the current state), Kafka's client
 * and Streams metrics ({@link KafkaStreamsMetrics}), and the JVM's.
 */
public final class StreamsMeters implements AutoCloseable {

    public static final String RUNNING = "burnwatch.streams.running";
    public static final String STATE = "burnwatch.streams.state";

    private final KafkaStreamsMetrics kafka;
    private final JvmGcMetrics gc = new JvmGcMetrics();

    private StreamsMeters(KafkaStreams streams, MeterRegistry registry) {
        kafka = new KafkaStreamsMetrics(streams);
        Gauge.builder(RUNNING, streams, s -> s.state() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while Kafka Streams is RUNNING, else 0").register(registry);
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            Gauge.builder(STATE, streams, s -> s.state() == state ? 1 : 0).tag("state", state.name())
                    .description("1 for the current Kafka Streams state").register(registry);
        }
        kafka.bindTo(registry);
        gc.bindTo(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    public static StreamsMeters bind(KafkaStreams streams, MeterRegistry registry) {
        return new StreamsMeters(streams, registry);
    }

    @Override
    public void close() {
        kafka.close();
        gc.close();
    }
}
