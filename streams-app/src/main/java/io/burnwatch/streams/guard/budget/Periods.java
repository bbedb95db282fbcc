package io.burnwatch.streams.guard.budget;

import io.burnwatch.schema.BudgetPeriod;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;

/** Budget periods are UTC calendar spans: a day, an ISO week from Monday 00:00, a month from its 1st. */
public final class Periods {

    private Periods() {
    }

    /** Start of the period of kind {@code period} that {@code at} lies in. */
    public static Instant start(BudgetPeriod period, Instant at) {
        ZonedDateTime day = at.atZone(ZoneOffset.UTC).truncatedTo(ChronoUnit.DAYS);
        return switch (period) {
            case DAY -> day.toInstant();
            case WEEK -> day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY)).toInstant();
            case MONTH -> day.withDayOfMonth(1).toInstant();
        };
    }

    /** End (exclusive) of the period that starts at {@code start}. */
    public static Instant end(BudgetPeriod period, Instant start) {
        ZonedDateTime from = start.atZone(ZoneOffset.UTC);
        return switch (period) {
            case DAY -> from.plusDays(1).toInstant();
            case WEEK -> from.plusWeeks(1).toInstant();
            case MONTH -> from.plusMonths(1).toInstant();
        };
    }

    /** "day", "week", "month". */
    public static String noun(BudgetPeriod period) {
        return period.name().toLowerCase(Locale.ROOT);
    }

    /** "daily", "weekly", "monthly". */
    public static String adjective(BudgetPeriod period) {
        return period == BudgetPeriod.DAY ? "daily" : noun(period) + "ly";
    }
}
