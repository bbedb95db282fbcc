package io.burnwatch.streams.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.Set;

/**
 * Keeps {@code /metrics} to what the Grafana dashboard and the Prometheus alert rules use, plus a few process
 * basics: burnwatch's own meters, JVM memory, consumer lag, uptime and CPU. Kafka's hundreds of client and Streams
 * meters per task and partition (thousands of series) are left out unless {@code burnwatch.metrics.detail=true}.
 */
public final class DefaultScrape implements MeterFilter {

    static final Set<String> KEPT = Set.of("jvm.memory.used", "jvm.memory.max",
            "kafka.consumer.fetch.manager.records.lag.max", "kafka.stream.thread.process.rate", "process.uptime", "process.cpu.usage", "jvm.threads.live");

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        return id.getName().startsWith("burnwatch.") || KEPT.contains(id.getName())
                ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
    }
}
