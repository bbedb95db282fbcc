package io.burnwatch.sim.publish;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Events as the JSON the streams app's JSON topics take")
class JsonValuesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant TS = Instant.parse("2026-03-02T10:00:00.123Z");

    @Test
    @DisplayName("a usage event: Avro field names, epoch millis, enum symbols, numbers as numbers, nulls as null")
    void usage() throws Exception {
        UsageEvent usage = UsageEvent.newBuilder().setEventId("e-1").setTs(TS).setUserId("alice").setTeamId(null)
                .setSessionId("s-1").setParentSessionId(null).setClient("cursor").setInitiator(Initiator.AGENT)
                .setModel("claude-sonnet-4-5").setInputTokens(150_000).setOutputTokens(20).setCacheReadTokens(3)
                .setCacheWriteTokens(0).setCostUsd(0.45).setPromptHash("abc").setRepo("acme/x").build();

        JsonNode json = JSON.readTree(JsonValues.bytes(usage));

        assertThat(json.get("event_id").asText()).isEqualTo("e-1");
        assertThat(json.get("ts").isIntegralNumber()).isTrue();
        assertThat(json.get("ts").asLong()).isEqualTo(TS.toEpochMilli());
        assertThat(json.get("initiator").asText()).isEqualTo("AGENT");
        assertThat(json.get("input_tokens").asLong()).isEqualTo(150_000);
        assertThat(json.get("cost_usd").asDouble()).isEqualTo(0.45);
        assertThat(json.get("team_id").isNull()).isTrue();
        assertThat(json.size()).isEqualTo(UsageEvent.getClassSchema().getFields().size());
    }

    @Test
    @DisplayName("an outcome naming only its repository has a null session_id")
    void outcome() throws Exception {
        OutcomeEvent outcome = OutcomeEvent.newBuilder().setEventId("o-1").setTs(TS).setUserId("bob")
                .setSessionId(null).setRepo("acme/y").setKind(OutcomeKind.PR_OPENED).setLinesAdded(5)
                .setLinesRemoved(1).setRef("#12").build();

        JsonNode json = JSON.readTree(JsonValues.bytes(outcome));

        assertThat(json.get("kind").asText()).isEqualTo("PR_OPENED");
        assertThat(json.get("session_id").isNull()).isTrue();
        assertThat(json.get("repo").asText()).isEqualTo("acme/y");
        assertThat(json.get("ts").asLong()).isEqualTo(TS.toEpochMilli());
    }
}
