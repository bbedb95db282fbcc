package io.burnwatch.streams.metrics;

import io.burnwatch.streams.connect.identity.UnmappedIdentities;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * burnwatch's own meters live in one Micrometer registry per application (a Prometheus one when the app runs). The
 * processors and exception handlers only see Kafka Streams' configuration, so the instance travels in it under
 * {@link #CONFIG} ({@link #addTo}) and is found there ({@link #from}).
 */
public final class BurnwatchMetrics {

    public static final String CONFIG = "burnwatch.metrics";

    private final MeterRegistry registry;
    private final OpenAlerts openAlerts;
    private final UnmappedIdentities unmappedIdentities;

    public BurnwatchMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.openAlerts = new OpenAlerts(registry);
        this.unmappedIdentities = new UnmappedIdentities(registry);
    }

    /** The instance in {@code configs}; a private one, counted but not reported, if the app was started without. */
    public static BurnwatchMetrics from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof BurnwatchMetrics shared ? shared : new BurnwatchMetrics(new SimpleMeterRegistry());
    }

    /** Puts this instance into Kafka Streams properties, where {@link #from} finds it. */
    public Properties addTo(Properties streamsProperties) {
        streamsProperties.put(CONFIG, this);
        return streamsProperties;
    }

    public MeterRegistry registry() {
        return registry;
    }

    public OpenAlerts openAlerts() {
        return openAlerts;
    }

    /** Outcomes whose author the identity map did not know, and the identities tried last. */
    public UnmappedIdentities unmappedIdentities() {
        return unmappedIdentities;
    }

    /** The counts so far of the counter {@code name}, by the value of its tag {@code tag}. */
    public Map<String, Long> counts(String name, String tag) {
        Map<String, Long> counts = new TreeMap<>();
        for (Counter counter : registry.find(name).counters()) {
            counts.merge(counter.getId().getTag(tag), (long) counter.count(), Long::sum);
        }
        return counts;
    }
}
