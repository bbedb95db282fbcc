package io.burnwatch.streams.metrics;

import io.burnwatch.schema.AlertKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The gauge {@code burnwatch.open.alerts} (tag {@code kind}): alerts opened and not yet resolved, in the tasks this
 * instance runs. Each task adds its own count when it starts and takes it back when it closes, so the sum over all
 * instances is the number of open alerts.
 */
public final class OpenAlerts {

    public static final String NAME = "burnwatch.open.alerts";

    private final Map<AlertKind, AtomicLong> open = new EnumMap<>(AlertKind.class);

    OpenAlerts(MeterRegistry registry) {
        for (AlertKind kind : AlertKind.values()) {
            AtomicLong count = new AtomicLong();
            open.put(kind, count);
            if (kind != AlertKind.TOKEN_BURN_NO_OUTCOME) {
                Gauge.builder(NAME, count, AtomicLong::get).tag("kind", kind.name())
                        .description("Alerts open, neither resolved nor expired, in this instance's tasks").register(registry);
            }
        }
    }

    public void add(AlertKind kind, long delta) {
        open.get(kind).addAndGet(delta);
    }

    public long get(AlertKind kind) {
        return open.get(kind).get();
    }
}
