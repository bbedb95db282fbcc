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
    private static final ValueLimits VALUES = new ValueLimits(256, 10_000);
    private final UsageContract usage = new UsageContract(LIMITS, VALUES);
    private final OutcomeContract outcomes = new OutcomeContract(LIMITS, VALUES);

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
    @DisplayName("ts less than the dedup horizon behind stream time is accepted; at the horizon, where the event-id"
            + " store lets ids go, or older it is TOO_OLD")
    void tooOld() {
        assertThatCode(() -> check(call("alice", "s-1", NOW.minus(Duration.ofHours(24)).plusMillis(1)).build()))
                .doesNotThrowAnyException();
        assertThat(reasonOf(call("alice", "s-1", NOW.minus(Duration.ofHours(24))).build()))
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

    @Test
    @DisplayName("a text field of up to 256 UTF-8 bytes is fine; one byte more is FIELD_TOO_LONG, whichever field")
    void fieldLength() {
        String longest = "é".repeat(128);
        assertThatCode(() -> check(call(longest, "s-1", NOW).setRepo(longest).build())).doesNotThrowAnyException();
        assertThat(reasonOf(call(longest + "a", "s-1", NOW).build())).isEqualTo(DeadLetterReason.FIELD_TOO_LONG);
        assertThat(reasonOf(call("alice", "s-1", NOW).setModel("m".repeat(257)).build()))
                .isEqualTo(DeadLetterReason.FIELD_TOO_LONG);
        assertThat(reasonOf(call("alice", "s-1", NOW).setRepo("\uD83D\uDE00".repeat(64) + "a").build()))
                .as("a surrogate pair is 4 bytes").isEqualTo(DeadLetterReason.FIELD_TOO_LONG);
        OutcomeEvent longRef = OutcomeEvent.newBuilder(commit("bob", NOW)).setRef("r".repeat(257)).build();
        assertThat(catchThrowableOfType(InvalidRecordException.class,
                () -> outcomes.check(longRef, NOW.toEpochMilli(), NOW.toEpochMilli())).reason())
                .isEqualTo(DeadLetterReason.FIELD_TOO_LONG);
    }

    @Test
    @DisplayName("cost_usd from 0 to the limit is money; negative, NaN, infinite or above the limit is refused")
    void cost() {
        assertThatCode(() -> check(call("alice", "s-1", NOW).setCostUsd(0.0).build())).doesNotThrowAnyException();
        assertThatCode(() -> check(call("alice", "s-1", NOW).setCostUsd(10_000.0).build())).doesNotThrowAnyException();
        assertThatCode(() -> check(call("alice", "s-1", NOW).setCostUsd(null).build())).doesNotThrowAnyException();
        assertThat(reasonOf(call("alice", "s-1", NOW).setCostUsd(-1e12).build())).isEqualTo(DeadLetterReason.NEGATIVE_COST);
        assertThat(reasonOf(call("alice", "s-1", NOW).setCostUsd(-0.01).build())).isEqualTo(DeadLetterReason.NEGATIVE_COST);
        assertThat(reasonOf(call("alice", "s-1", NOW).setCostUsd(Double.NaN).build())).isEqualTo(DeadLetterReason.NON_FINITE_COST);
        assertThat(reasonOf(call("alice", "s-1", NOW).setCostUsd(Double.POSITIVE_INFINITY).build()))
                .isEqualTo(DeadLetterReason.NON_FINITE_COST);
        assertThat(reasonOf(call("alice", "s-1", NOW).setCostUsd(Double.NEGATIVE_INFINITY).build()))
                .isEqualTo(DeadLetterReason.NON_FINITE_COST);
        assertThat(reasonOf(call("alice", "s-1", NOW).setCostUsd(10_000.01).build())).isEqualTo(DeadLetterReason.ABSURD_COST);
    }

    private void check(UsageEvent call) {
        usage.check(call, NOW.toEpochMilli(), NOW.toEpochMilli());
    }

    private DeadLetterReason reasonOf(UsageEvent call) {
        return catchThrowableOfType(InvalidRecordException.class, () -> check(call)).reason();
    }
}
