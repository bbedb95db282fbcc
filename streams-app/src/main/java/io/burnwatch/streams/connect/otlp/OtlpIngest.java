package io.burnwatch.streams.connect.otlp;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.ingest.Contract;
import io.burnwatch.streams.serde.BurnwatchSerdes;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.processor.TimestampExtractor;

/**
 * Agent telemetry through OpenTelemetry: the Collector's Kafka exporter writes OTLP log batches to
 * {@code burnwatch.topic.otlp.logs}; each agent event burnwatch counts goes on, as Avro keyed by its user, to the
 * usage or outcomes topic, where it is validated and deduplicated like any other input.
 * <pre>
 * otlp.logs ─▶ decode, split, map, check ─┬─▶ usage      (broken batches: dead letter queue)
 *                                          └─▶ outcomes
 * </pre>
 * The identity map's global store must be in the topology ({@code IdentityStore.addTo}).
 */
public final class OtlpIngest {

    private OtlpIngest() {
    }

    public static void addTo(StreamsBuilder builder, BurnwatchConfig config, BurnwatchSerdes serdes,
                             TimestampExtractor time, Contract<UsageEvent> usage, Contract<OutcomeEvent> outcomes) {
        builder.stream(config.otlpLogsTopic(), Consumed.with(Serdes.ByteArray(), Serdes.ByteArray())
                        .withTimestampExtractor(time).withName("otlp-source"))
                .process(() -> new OtlpReader(usage, outcomes), Named.as("otlp-reader"))
                .split(Named.as("otlp-"))
                .branch((user, event) -> event instanceof UsageEvent, Branched.withConsumer(calls -> calls
                        .mapValues(event -> (UsageEvent) event, Named.as("otlp-usage-values"))
                        .to(config.usageTopic(), Produced.with(serdes.string(), serdes.usage()).withName("otlp-usage-sink")),
                        "usage"))
                .branch((user, event) -> event instanceof OutcomeEvent, Branched.withConsumer(done -> done
                        .mapValues(event -> (OutcomeEvent) event, Named.as("otlp-outcome-values"))
                        .to(config.outcomesTopic(), Produced.with(serdes.string(), serdes.outcome()).withName("otlp-outcome-sink")),
                        "outcomes"))
                .noDefaultBranch();
    }
}
