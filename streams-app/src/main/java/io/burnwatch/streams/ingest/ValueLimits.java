package io.burnwatch.streams.ingest;

import io.burnwatch.streams.config.BurnwatchConfig;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bounds on an input event's values: no text field longer than {@code maxFieldBytes} in UTF-8, so that one
 * record cannot grow the keys, stores and records that carry it beyond what Kafka will take; and a cost that is a
 * real amount of money.
 *
 * @param maxFieldBytes     the most UTF-8 bytes of any text field
 * @param maxCostUsdPerCall the most {@code cost_usd} one call may report
 */
public record ValueLimits(int maxFieldBytes, double maxCostUsdPerCall) {

    public static ValueLimits from(BurnwatchConfig config) {
        return new ValueLimits(config.maxFieldBytes(), config.maxCostUsdPerCall());
    }

    /** Checks every text field of {@code event}, optional ones included, by its schema. */
    void checkText(SpecificRecord event) {
        for (Schema.Field field : event.getSchema().getFields()) {
            if (event.get(field.pos()) instanceof CharSequence text && tooLong(text)) {
                throw new InvalidRecordException(DeadLetterReason.FIELD_TOO_LONG,
                        field.name() + " is longer than " + maxFieldBytes + " bytes");
            }
        }
    }

    /** Checks a reported {@code cost_usd}; absent (null) is a call to be priced by burnwatch. */
    void checkCost(Double costUsd) {
        if (costUsd == null) {
            return;
        }
        if (costUsd.isNaN() || costUsd.isInfinite()) {
            throw new InvalidRecordException(DeadLetterReason.NON_FINITE_COST, "cost_usd is not a finite number");
        }
        if (costUsd < 0) {
            throw new InvalidRecordException(DeadLetterReason.NEGATIVE_COST, "cost_usd is negative");
        }
        if (costUsd > maxCostUsdPerCall) {
            throw new InvalidRecordException(DeadLetterReason.ABSURD_COST,
                    "cost_usd is more than " + maxCostUsdPerCall + " for one call");
        }
    }

    /** Whether {@code text} takes more than {@code maxFieldBytes} in UTF-8, counted no further than needed. */
    private boolean tooLong(CharSequence text) {
        if ((long) text.length() * 3 <= maxFieldBytes) {
            return false;
        }
        int bytes = 0;
        for (int i = 0; i < text.length() && bytes <= maxFieldBytes; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > maxFieldBytes;
    }
}
