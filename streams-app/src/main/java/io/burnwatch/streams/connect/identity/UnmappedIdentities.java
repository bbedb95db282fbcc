package io.burnwatch.streams.connect.identity;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Outcomes whose author the identity map does not know: counted by the kind of identity burnwatch fell back to
 * ({@code burnwatch.unmapped.identities}, tag {@code kind}), and the last {@value #MAX_RECENT} distinct identities
 * tried kept in memory, most recent first, so that {@code /status} shows what to map with the identity command.
 */
public final class UnmappedIdentities {

    public static final String NAME = "burnwatch.unmapped.identities";
    public static final String KIND_TAG = "kind";
    static final int MAX_RECENT = 50;

    private final Map<Identity.Kind, Counter> counters = new EnumMap<>(Identity.Kind.class);
    /** Insertion-ordered: the most recent last. */
    private final LinkedHashSet<String> recent = new LinkedHashSet<>();

    public UnmappedIdentities(MeterRegistry registry) {
        for (Identity.Kind kind : Identity.Kind.values()) {
            counters.put(kind, Counter.builder(NAME).tag(KIND_TAG, kind.name().toLowerCase(Locale.ROOT))
                    .description("Outcomes whose author is not in the identity map, by the kind of identity used instead")
                    .register(registry));
        }
    }

    /** Counts an outcome counted as {@code fallback} because none of {@code tried} is mapped. */
    public void record(Identity fallback, List<Identity> tried) {
        counters.get(fallback.kind()).increment();
        synchronized (recent) {
            for (Identity identity : tried) {
                recent.remove(identity.key());
                recent.add(identity.key());
            }
            Iterator<String> oldest = recent.iterator();
            while (recent.size() > MAX_RECENT) {
                oldest.next();
                oldest.remove();
            }
        }
    }

    /** The identity keys most recently found unmapped, most recent first. */
    public List<String> recent() {
        List<String> keys;
        synchronized (recent) {
            keys = new ArrayList<>(recent);
        }
        Collections.reverse(keys);
        return keys;
    }
}
