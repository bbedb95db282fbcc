package io.burnwatch.sim.score;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.burnwatch.schema.SessionTruth;
import io.burnwatch.schema.TruthLabel;
import java.time.Instant;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class TruthFileTest {

    @Test
    @DisplayName("a line takes epoch milliseconds or ISO instants, and Avro's JSON encoding of unions")
    void readsEitherTimestampForm() {
        SessionTruth plain = TruthFile.parse("{\"session_id\":\"s1\",\"user_id\":\"u1\",\"persona\":\"idle_looper\","
                + "\"label\":\"SHOULD_ALERT\",\"started_at\":1000,\"detectable_from\":\"1970-01-01T00:00:05Z\"}", "t:1");
        SessionTruth avroJson = TruthFile.parse("{\"session_id\":\"s2\",\"user_id\":\"u2\",\"team_id\":{\"string\":\"t\"},"
                + "\"persona\":\"heavy_user\",\"label\":\"MUST_NOT_ALERT\",\"started_at\":1000,\"detectable_from\":null}", "t:2");

        assertThat(plain.getDetectableFrom()).isEqualTo(Instant.ofEpochSecond(5));
        assertThat(plain.getLabel()).isEqualTo(TruthLabel.SHOULD_ALERT);
        assertThat(avroJson.getTeamId()).isEqualTo("t");
        assertThat(avroJson.getDetectableFrom()).isNull();
    }

    @Test
    @DisplayName("a line without a session id names the file, the line and the field")
    void rejectsIncompleteLines() {
        assertThatThrownBy(() -> TruthFile.parse("{\"user_id\":\"u1\"}", "truth.jsonl:7"))
                .hasMessageContaining("truth.jsonl:7").hasMessageContaining("session_id");
    }
}
