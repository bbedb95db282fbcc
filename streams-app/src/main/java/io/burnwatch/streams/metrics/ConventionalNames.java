package io.burnwatch.streams.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Holds the meters that others name (Kafka's clients, Micrometer's binders) to Prometheus' conventions, as
 * {@code promtool check metrics} checks them: no {@code count} ending outside histograms ({@code connection.count}
 * becomes {@code connections}), a help text for every meter (its original name, when it came with none), and times
 * in seconds only: the few meters that count nanoseconds or milliseconds ({@code io.time.ns.total},
 * {@code start.time.ms}, {@code process.cpu.time}) are left out, their ratios ({@code io.ratio}) stay.
 */
public final class ConventionalNames implements MeterFilter {

    private static final Set<String> SUBSECOND_UNITS = Set.of("ms", "us", "ns", "milliseconds", "microseconds", "nanoseconds");

    @Override
    public Meter.Id map(Meter.Id id) {
        String name = withoutCountEnding(id.getName(), id.getType());
        String description = id.getDescription() == null || id.getDescription().isBlank() ? id.getName() : id.getDescription();
        if (name.equals(id.getName()) && description.equals(id.getDescription())) {
            return id;
        }
        return new Meter.Id(name, Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description, id.getType());
    }

    @Override
    public MeterFilterReply accept(Meter.Id id) {
        boolean subsecond = SUBSECOND_UNITS.contains(String.valueOf(id.getBaseUnit()))
                || words(id.getName()).stream().anyMatch(SUBSECOND_UNITS::contains);
        return subsecond ? MeterFilterReply.DENY : MeterFilterReply.NEUTRAL;
    }

    static String withoutCountEnding(String name, Meter.Type type) {
        boolean histogram = type == Meter.Type.TIMER || type == Meter.Type.DISTRIBUTION_SUMMARY
                || type == Meter.Type.LONG_TASK_TIMER;
        List<String> words = words(name);
        int last = words.size() - 1;
        if (histogram || last < 1 || !words.get(last).equals("count")) {
            return name;
        }
        words.remove(last);
        String counted = words.get(last - 1);
        words.set(last - 1, counted.endsWith("s") ? counted : counted + "s");
        return String.join(".", words);
    }

    private static List<String> words(String name) {
        return new ArrayList<>(Arrays.asList(name.split("[._-]")));
    }
}
