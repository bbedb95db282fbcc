package io.burnwatch.streams.connect.webhook;

import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.ingest.OutcomeContract;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;

/**
 * GitHub and GitLab webhook deliveries into outcomes:
 * <pre>
 * webhooks (raw bodies, written by the receiver) ─▶ map, resolve authors (identity map), validate ─▶ outcomes
 * </pre>
 * The outcomes topic's own ingest then deduplicates them by event id, so that a redelivery counts once.
 */
public final class WebhookIngest {

    private WebhookIngest() {
    }

    public static void addTo(StreamsBuilder builder, BurnwatchConfig config, OutcomeContract contract,
                             Produced<String, OutcomeEvent> outcomes) {
        String trailer = config.webhookSessionTrailer();
        builder.stream(config.webhooksTopic(), Consumed.with(Serdes.String(), Serdes.ByteArray())
                        .withName("webhooks-source"))
                .process(() -> new WebhookReader(trailer, contract), Named.as("webhooks-reader"))
                .to(config.outcomesTopic(), outcomes.withName("webhooks-sink"));
    }
}
