package io.burnwatch.streams.http;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.burnwatch.streams.cost.UnpricedTokens;
import io.burnwatch.streams.ingest.IngestMetrics;
import io.burnwatch.streams.metrics.BurnwatchMetrics;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.streams.KafkaStreams;

/**
 * What the status endpoint reports: the Kafka Streams state, how many input records were consumed, how many went
 * to the dead letter queue by reason, how many repeats were dropped by stream, the tokens of calls that could not
 * be priced, by model, and the identities most recently found missing from the identity map
 * ({@code unmapped_identities}, most recent first; shown only to callers that may call the query endpoints). Ready
 * means RUNNING with no stream thread lost of late ({@code stream_thread_lost}).
 */
public record StreamsStatus(
        @JsonProperty("state") KafkaStreams.State state,
        @JsonProperty("records_consumed") long recordsConsumed,
        @JsonProperty("dead_letters") Map<String, Long> deadLetters,
        @JsonProperty("duplicates") Map<String, Long> duplicates,
        @JsonProperty("unpriced_tokens") Map<String, Long> unpricedTokens,
        @JsonProperty("stream_thread_lost") boolean streamThreadLost,
        @JsonProperty("unmapped_identities") List<String> unmappedIdentities) {

    public StreamsStatus(KafkaStreams.State state, long recordsConsumed) {
        this(state, recordsConsumed, Map.of(), Map.of(), Map.of(), false);
    }

    public StreamsStatus(KafkaStreams.State state, long recordsConsumed, Map<String, Long> deadLetters,
                         Map<String, Long> duplicates, Map<String, Long> unpricedTokens, boolean streamThreadLost) {
        this(state, recordsConsumed, deadLetters, duplicates, unpricedTokens, streamThreadLost, List.of());
    }

    /** This status without the unmapped identities (emails, logins), for callers without a client token. */
    public StreamsStatus withoutIdentities() {
        return new StreamsStatus(state, recordsConsumed, deadLetters, duplicates, unpricedTokens, streamThreadLost);
    }

    public boolean ready() {
        return state == KafkaStreams.State.RUNNING && !streamThreadLost;
    }

    public static StreamsStatus of(KafkaStreams streams, BurnwatchMetrics metrics) {
        return of(streams, metrics, false);
    }

    /** @param streamThreadLost whether a stream thread died recently, which Kafka Streams' state does not show */
    public static StreamsStatus of(KafkaStreams streams, BurnwatchMetrics metrics, boolean streamThreadLost) {
        IngestMetrics ingest = new IngestMetrics(metrics);
        return new StreamsStatus(streams.state(), recordsConsumed(streams.metrics()), ingest.deadLetters(),
                ingest.duplicates(), UnpricedTokens.byModel(metrics), streamThreadLost,
                metrics.unmappedIdentities().recent());
    }

    /**
     * Sums the main consumers' records-consumed-total; restoring state from changelogs is not consumption, nor is
     * the global consumer's reading of prices.
     */
    static long recordsConsumed(Map<MetricName, ? extends Metric> metrics) {
        double total = 0;
        for (Map.Entry<MetricName, ? extends Metric> metric : metrics.entrySet()) {
            MetricName name = metric.getKey();
            String clientId = name.tags().getOrDefault("client-id", "");
            if (name.name().equals("records-consumed-total")
                    && name.group().equals("consumer-fetch-manager-metrics")
                    && !name.tags().containsKey("topic")
                    && !clientId.endsWith("restore-consumer")
                    && !clientId.endsWith("global-consumer")
                    && metric.getValue().metricValue() instanceof Number value) {
                total += value.doubleValue();
            }
        }
        return (long) total;
    }
}
