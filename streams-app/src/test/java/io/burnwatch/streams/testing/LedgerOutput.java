package io.burnwatch.streams.testing;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.ledger.WindowSize;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** What the ledger wrote: the rollups of closed windows, by window size, and the events too late for theirs. */
public record LedgerOutput(Map<WindowSize, List<ConsumerRecord<RollupKey, UsageRollup>>> rollups, List<LateRecord> late) {

    public List<UsageRollup> rollups(WindowSize size, Dimension dimension) {
        return rollups.get(size).stream().filter(r -> r.key().getDimension() == dimension).map(ConsumerRecord::value)
                .toList();
    }

    public List<LateRecord> late(WindowSize size, Dimension dimension) {
        return late.stream().filter(r -> r.size() == size && r.dimension() == dimension).toList();
    }

    /**
     * Where the ledger invariant does not hold: for each window size and dimension, Σ tokens in its rollups + Σ
     * tokens of the calls late for it + Σ tokens dead-lettered = Σ tokens sent, each event id counted once; in
     * USER and TEAM, commits too. One line per size and dimension that does not add up; empty when it holds.
     */
    public List<String> imbalances(TokenSums sent, TokenSums deadLettered, long commitsSent) {
        List<String> imbalances = new ArrayList<>();
        for (WindowSize size : WindowSize.values()) {
            for (Dimension dimension : Dimension.values()) {
                List<SpecificRecord> missed = late(size, dimension).stream().map(LateRecord::event).toList();
                TokenSums rolledUp = TokenSums.ofRollups(rollups(size, dimension));
                TokenSums lateTokens = TokenSums.ofCalls(missed);
                if (!rolledUp.plus(lateTokens).plus(deadLettered).equals(sent)) {
                    imbalances.add(String.format("%s %s tokens: rollups %s + late %s + dead-lettered %s != sent %s",
                            dimension, size.label(), rolledUp, lateTokens, deadLettered, sent));
                }
                if (dimension != Dimension.MODEL) {
                    long commits = rollups(size, dimension).stream().mapToLong(UsageRollup::getCommits).sum()
                            + late(size, dimension).stream().mapToLong(LateRecord::commits).sum();
                    if (commits != commitsSent) {
                        imbalances.add(String.format("%s %s commits: rollups and late %d != sent %d",
                                dimension, size.label(), commits, commitsSent));
                    }
                }
            }
        }
        return imbalances;
    }
}
