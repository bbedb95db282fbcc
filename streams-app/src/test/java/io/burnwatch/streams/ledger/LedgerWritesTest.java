package io.burnwatch.streams.ledger;

import static io.burnwatch.streams.testing.Events.call;
import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.testing.PipelineDriver;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the ledger writes per call: the user's record of open windows once, the session's marks only when the
 * session is new to a window, the user's team once a minute; TEAM and MODEL windows a partial per user window.
 */
@DisplayName("Ledger state written per call")
class LedgerWritesTest {

    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("30 calls of one session in a minute: 30 writes of the user's windows, 1 of the session's marks and"
            + " of the team; the minute's TEAM and MODEL rollups come from one partial each")
    void writesPerCall() {
        for (int i = 0; i < 30; i++) {
            pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(i)).setTeamId("payments").setInputTokens(10).build());
        }

        assertThat(pipeline.changelog(UserLedger.WINDOWS)).hasSize(30);
        assertThat(pipeline.changelog(UserLedger.SESSIONS)).as("the session, new to its minute, hour and day, once").hasSize(1);
        assertThat(pipeline.changelog(TeamOfUser.STORE)).as("the team, stored again only a minute later").hasSize(1);
        assertThat(pipeline.changelog(PartialLedger.WINDOWS)).as("no user window closed yet").isEmpty();

        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(100)).setTeamId("payments").build());

        assertThat(pipeline.changelog(TeamOfUser.STORE)).as("a minute on").hasSize(1);
        assertThat(pipeline.changelog(PartialLedger.WINDOWS))
                .as("the closed minute's TEAM and MODEL partials, added, then dropped as the watermark closes them").hasSize(4);
        List<UsageRollup> rollups = pipeline.rollups.readValuesToList();
        assertThat(rollups).extracting(UsageRollup::getDimension)
                .containsExactlyInAnyOrder(Dimension.USER, Dimension.TEAM, Dimension.MODEL);
        assertThat(rollups).allSatisfy(rollup -> {
            assertThat(rollup.getRequests()).isEqualTo(30);
            assertThat(rollup.getInputTokens()).isEqualTo(300);
            assertThat(rollup.getSessions()).isEqualTo(1);
        });
    }
}
