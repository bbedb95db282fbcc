package io.burnwatch.sim.persona;

import io.burnwatch.schema.Initiator;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * Works with an agent on weekdays from about 09:00 to 17:00 UTC at a steady $8-12 an hour: a call every 1-3 minutes and
 * a commit every 20-60 minutes, no work at weekends. A spiking one does the same, except that once, on the fifth
 * weekday of the run (after four full weekdays of history), it runs several agents for two hours from 13:00 UTC:
 * three times the calls, each twice the size, six times its normal spend.
 */
public final class SteadyUser implements Persona {

    static final LocalTime WORK_STARTS = LocalTime.of(9, 0);
    static final LocalTime WORK_ENDS = LocalTime.of(17, 0);
    static final LocalTime SPIKE_STARTS = LocalTime.of(13, 0);
    static final Duration SPIKE_LASTS = Duration.ofHours(2);
    static final int SPIKE_WEEKDAY = 5;
    private static final List<String> CLIENTS = List.of("claude-code", "cursor");
    private static final Duration MIN_GAP = Duration.ofMinutes(1);
    private static final Duration MAX_GAP = Duration.ofMinutes(3);
    private static final Duration JITTER = Duration.ofMinutes(20);
    /** The shape of a call, scaled to its cost: a prompt mostly read from the cache, and a modest answer. */
    private static final Tokens CALL = new Tokens(8_000, 1_500, 60_000, 0);

    private final User user;
    private final Role role;
    private final SplittableRandom random;
    private final Ids ids;
    private final double usdPerHour;
    private final Instant spikeFrom;
    private final Instant spikeTo;
    private Session session;
    private boolean taskStarts;
    private Instant workEnds;
    private Instant nextCall;
    private Instant nextCommit;

    private SteadyUser(User user, Role role, SplittableRandom random, Ids ids, Instant start, boolean spikes) {
        this.user = user;
        this.role = role;
        this.random = random;
        this.ids = ids;
        this.usdPerHour = 8 + random.nextDouble() * 4;
        LocalDate spikeDay = spikes ? weekday(start, SPIKE_WEEKDAY) : null;
        this.spikeFrom = spikes ? spikeDay.atTime(SPIKE_STARTS).toInstant(ZoneOffset.UTC) : Instant.MAX;
        this.spikeTo = spikes ? spikeFrom.plus(SPIKE_LASTS) : Instant.MAX;
        this.nextCall = workStarts(start);
    }

    public static SteadyUser steady(User user, SplittableRandom random, Ids ids, Instant start) {
        return new SteadyUser(user, Role.STEADY, random, ids, start, false);
    }

    public static SteadyUser spiking(User user, SplittableRandom random, Ids ids, Instant start) {
        return new SteadyUser(user, Role.SPIKER, random, ids, start, true);
    }

    @Override
    public User user() {
        return user;
    }

    @Override
    public Instant firstAction() {
        return nextCall;
    }

    @Override
    public Instant act(Instant now, Consumer<SimEvent> emit) {
        if (session == null) {
            session = Calls.open(random, ids, user, role, CLIENTS, now, emit);
            workEnds = workEnds(now);
            taskStarts = true;
            nextCommit = now.plus(Dice.between(random, Duration.ofMinutes(20), Duration.ofMinutes(60)));
        }
        if (!now.isBefore(nextCommit)) {
            emit.accept(Outcomes.commit(ids, user, session, now, Dice.between(random, 5, 150), Dice.between(random, 0, 60)));
            nextCommit = now.plus(Dice.between(random, Duration.ofMinutes(20), Duration.ofMinutes(60)));
        }
        boolean spiking = !now.isBefore(spikeFrom) && now.isBefore(spikeTo);
        Duration gap = Dice.between(random, MIN_GAP, MAX_GAP);
        // A call costs what the time up to the next one is worth at the hour's rate, give or take 30%.
        double usd = usdPerHour * gap.toMillis() / 3_600_000d * (0.7 + 0.6 * random.nextDouble()) * (spiking ? 2 : 1);
        if (spiking) {
            gap = gap.dividedBy(3);
        }
        double scale = usd / session.model().costUsd(CALL);
        Tokens tokens = new Tokens(Math.round(CALL.input() * scale), Math.max(1, Math.round(CALL.output() * scale)),
                Math.round(CALL.cacheRead() * scale), 0);
        emit.accept(Calls.usage(ids, user, session, now, taskStarts ? Initiator.HUMAN : Initiator.AGENT, tokens,
                Dice.hex(random, 16)));
        taskStarts = false;
        Instant next = now.plus(gap);
        if (next.isBefore(workEnds)) {
            return next;
        }
        session = null;
        return workStarts(now.atZone(ZoneOffset.UTC).toLocalDate().plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC));
    }

    /** When work next begins at or after {@code from}: a few minutes after 09:00 on a weekday, or at once within working hours. */
    private Instant workStarts(Instant from) {
        LocalDate date = from.atZone(ZoneOffset.UTC).toLocalDate();
        if (!from.isBefore(date.atTime(WORK_ENDS).toInstant(ZoneOffset.UTC).minus(JITTER))) {
            date = date.plusDays(1);
        }
        while (weekend(date)) {
            date = date.plusDays(1);
        }
        Instant start = date.atTime(WORK_STARTS).toInstant(ZoneOffset.UTC).plus(Dice.between(random, Duration.ZERO, JITTER));
        return start.isAfter(from) ? start : from;
    }

    private Instant workEnds(Instant now) {
        LocalDate date = now.atZone(ZoneOffset.UTC).toLocalDate();
        return date.atTime(WORK_ENDS).toInstant(ZoneOffset.UTC).minus(Dice.between(random, Duration.ZERO, JITTER));
    }

    /** The {@code n}th weekday whose working day begins after {@code start}. */
    private static LocalDate weekday(Instant start, int n) {
        LocalDate date = start.atZone(ZoneOffset.UTC).toLocalDate();
        if (start.isAfter(date.atTime(WORK_STARTS).toInstant(ZoneOffset.UTC))) {
            date = date.plusDays(1);
        }
        int seen = 0;
        for (; ; date = date.plusDays(1)) {
            if (!weekend(date) && ++seen == n) {
                return date;
            }
        }
    }

    private static boolean weekend(LocalDate date) {
        return date.getDayOfWeek() == DayOfWeek.SATURDAY || date.getDayOfWeek() == DayOfWeek.SUNDAY;
    }
}
