package io.burnwatch.streams.ingest;

import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.burnwatch.registry.SchemaRegistryException;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.UsageEvent;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Contract rules")
class ContractsTest {

    private static final Instant NOW = Instant.parse("2026-03-02T10:00:00Z");
    private static final IngestLimits LIMITS = new IngestLimits(10_000_000, Duration.ofHours(1), Duration.ofHours(24));
    private final UsageContract usage = new UsageContract(LIMITS);
    private final OutcomeContract outcomes = new OutcomeContract(LIMITS);

    @Test
    @DisplayName("a call of exactly 10M tokens is plausible; one token more is ABSURD_TOKENS")
    void tokenLimit() {
        UsageEvent.Builder call = call("alice", "s-1", NOW).setInputTokens(4_000_000).setCacheReadTokens(6_000_000);
        assertThatCode(() -> check(call.build())).doesNotThrowAnyException();
        assertThat(reasonOf(call.setOutputTokens(1).build())).isEqualTo(DeadLetterReason.ABSURD_TOKENS);
    }

    @Test
    @DisplayName("ts up to 1 h past the wall clock is clock skew; further is FUTURE_TIMESTAMP")
    void future() {
        assertThatCode(() -> check(call("alice", "s-1", NOW.plus(Duration.ofMinutes(60))).build())).doesNotThrowAnyException();
        assertThat(reasonOf(call("alice", "s-1", NOW.plus(Duration.ofMinutes(60)).plusMillis(1)).build()))
                .isEqualTo(DeadLetterReason.FUTURE_TIMESTAMP);
    }

    @Test
    @DisplayName("ts up to the dedup horizon behind stream time is accepted; older is TOO_OLD")
    void tooOld() {
        assertThatCode(() -> check(call("alice", "s-1", NOW.minus(Duration.ofHours(24))).build())).doesNotThrowAnyException();
        assertThat(reasonOf(call("alice", "s-1", NOW.minus(Duration.ofHours(24)).minusMillis(1)).build()))
                .isEqualTo(DeadLetterReason.TOO_OLD);
    }

    @Test
    @DisplayName("an outcome's rules: a user, lines not negative, and the same time bounds")
    void outcomeRules() {
        assertThatCode(() -> outcomes.check(commit("bob", NOW), NOW.toEpochMilli(), NOW.toEpochMilli()))
                .doesNotThrowAnyException();
        OutcomeEvent tooOld = commit("bob", NOW.minus(Duration.ofDays(2)));
        assertThat(catchThrowableOfType(InvalidRecordException.class,
                () -> outcomes.check(tooOld, NOW.toEpochMilli(), NOW.toEpochMilli())).reason())
                .isEqualTo(DeadLetterReason.TOO_OLD);
    }

    @Test
    @DisplayName("a registry that answers 404 means UNKNOWN_SCHEMA_ID; one that does not answer is no fault of the record")
    void unreadableReasons() {
        SerializationException unknown = new SerializationException("Unknown schema id 7",
                new SchemaRegistryException("Schema 7 not found", 404, 40403));
        SerializationException down = new SerializationException("Unknown schema id 7",
                new SchemaRegistryException("connection refused", new java.net.ConnectException()));

        assertThat(DeadLetterReason.ofUnreadable(unknown)).isEqualTo(DeadLetterReason.UNKNOWN_SCHEMA_ID);
        assertThat(DeadLetterReason.registryUnavailable(unknown)).isFalse();
        assertThat(DeadLetterReason.ofUnreadable(new SerializationException("bad magic byte"))).isEqualTo(DeadLetterReason.UNDECODABLE);
        assertThat(DeadLetterReason.registryUnavailable(down)).isTrue();
    }

    @Test
    @DisplayName("a missing JSON field maps to the reason a rule would give it, else INVALID_JSON")
    void missingFields() {
        assertThat(DeadLetterReason.missing("user_id")).isEqualTo(DeadLetterReason.MISSING_USER_ID);
        assertThat(DeadLetterReason.missing("model")).isEqualTo(DeadLetterReason.EMPTY_MODEL);
        assertThat(DeadLetterReason.missing("ts")).isEqualTo(DeadLetterReason.INVALID_JSON);
    }

    private void check(UsageEvent call) {
        usage.check(call, NOW.toEpochMilli(), NOW.toEpochMilli());
    }

    private DeadLetterReason reasonOf(UsageEvent call) {
        return catchThrowableOfType(InvalidRecordException.class, () -> check(call)).reason();
    }
}
