package io.burnwatch.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConsoleLinesTest {

    @Test
    void anAlertLineShowsItsStateUserSessionAndMessage() {
        assertThat(AlertFeed.line(alert(AlertStatus.OPEN, "s-3")))
                .isEqualTo("ALERT OPEN     alice/s-3  2.1M tokens in 10 min, no commit in the last hour");
        assertThat(AlertFeed.line(alert(AlertStatus.RESOLVED, null)))
                .startsWith("ALERT RESOLVED alice/-  ");
    }

    @Test
    void theStatusLineGroupsThousandsAndShowsTheRateSinceTheLastLine() {
        StatusLine status = new StatusLine();
        long second = 1_000_000_000L;

        assertThat(status.next(10_000, 0, 0, 0)).isEqualTo("events in: 10,000 (0/s) | open alerts: 0 | rollups: 0");
        assertThat(status.next(16_170, 1, 42, 5 * second))
                .isEqualTo("events in: 16,170 (1,234/s) | open alerts: 1 | rollups: 42");
    }

    private static Alert alert(AlertStatus status, String session) {
        Instant at = Instant.parse("2026-03-02T09:10:00Z");
        return Alert.newBuilder().setAlertId("a-1").setKind(AlertKind.IDLE_LOOP).setStatus(status)
                .setTs(at).setOpenedAt(at).setUserId("alice").setSessionId(session).setModels(List.of())
                .setWindowStart(at.minusSeconds(600)).setWindowEnd(at).setCalls(40).setInputTokens(1)
                .setOutputTokens(1).setCacheReadTokens(1).setCacheWriteTokens(1)
                .setMessage("2.1M tokens in 10 min, no commit in the last hour").build();
    }
}
