package io.burnwatch.sim.trace;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * When clients are active over a week, in 20-minute windows (ServeGen): a window with requests is on, a missing
 * one off. Its on/off runs and the daily rhythm in them are what a simulated user follows.
 */
public final class OnOff {

    static final Duration WINDOW = Duration.ofMinutes(20);
    static final int WINDOWS_PER_WEEK = (int) (Duration.ofDays(7).toMinutes() / WINDOW.toMinutes());

    /** One client's week; time is counted from the start of the run and wraps around after a week. */
    public record Week(BitSet active) {

        public boolean isOn(Duration sinceStart) {
            return active.get(window(sinceStart));
        }

        /** The start of the first active window at or after {@code sinceStart}, within a week. */
        public Duration nextOn(Duration sinceStart) {
            int from = window(sinceStart);
            for (int i = 0; i < WINDOWS_PER_WEEK; i++) {
                if (active.get((from + i) % WINDOWS_PER_WEEK)) {
                    return i == 0 ? sinceStart : WINDOW.multipliedBy(sinceStart.dividedBy(WINDOW) + i);
                }
            }
            return sinceStart;
        }

        private static int window(Duration sinceStart) {
            return (int) (sinceStart.dividedBy(WINDOW) % WINDOWS_PER_WEEK);
        }
    }

    private final List<Week> weeks;

    OnOff(TraceTable table) {
        Map<String, BitSet> byClient = new LinkedHashMap<>();
        for (int i = 0; i < table.size(); i++) {
            String client = table.text(i, "category") + "/" + table.text(i, "model") + "/" + table.text(i, "client_id");
            long window = Math.round(table.number(i, "timestamp")) / WINDOW.toSeconds();
            if (table.number(i, "rate") > 0 && window < WINDOWS_PER_WEEK) {
                byClient.computeIfAbsent(client, c -> new BitSet(WINDOWS_PER_WEEK)).set((int) window);
            }
        }
        weeks = new ArrayList<>();
        byClient.values().forEach(active -> weeks.add(new Week(active)));
        if (weeks.isEmpty()) {
            throw new IllegalArgumentException("The arrival trace has no active client");
        }
    }

    public Week draw(SplittableRandom random) {
        return weeks.get(random.nextInt(weeks.size()));
    }
}
