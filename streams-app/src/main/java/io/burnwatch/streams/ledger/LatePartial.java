package io.burnwatch.streams.ledger;

import io.burnwatch.schema.UsageRollup;

/** What a partial would have added to a TEAM or MODEL window that had closed when it came: for the late topic. */
record LatePartial(UsageRollup rollup) {
}
