package io.burnwatch.streams.ledger;

import io.burnwatch.streams.clock.InputSources;
import io.burnwatch.streams.state.LedgerEntry;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The ledger's entries, each call priced once: keyed by user_id as they came in; and the calls keyed by team after
 * the ledger's team repartition, every call of a team in one task, in event-time order; and what feeds the
 * user-keyed stream ({@link io.burnwatch.streams.clock.SourceClock}).
 */
public record LedgerStreams(KStream<String, LedgerEntry> byUser, KStream<String, LedgerEntry> byTeam,
                            InputSources sources) {
}
