package io.burnwatch.streams.ledger;

import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.burnwatch.schema.Dimension;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.RollupKey;
import io.burnwatch.schema.UsageRollup;
import io.burnwatch.streams.testing.PipelineDriver;
import io.burnwatch.streams.testing.Prices;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Ledger dimensions: user, team, model, with outcomes")
class LedgerDimensionsTest {

    private static final Instant MINUTE = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant CLOSE = MINUTE.plusSeconds(90);

    @RegisterExtension
    final PipelineDriver pipeline = PipelineDriver.start();

    @Test
    @DisplayName("a team sums its users' calls; calls without a team count for the team \"(none)\"")
    void teams() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setTeamId("payments").setInputTokens(1).build());
        pipeline.pipe(call("bob", "s-2", MINUTE.plusSeconds(2)).setTeamId("payments").setInputTokens(10).build());
        pipeline.pipe(call("carol", "s-3", MINUTE.plusSeconds(3)).setInputTokens(100).build());
        pipeline.pipe(call("carol", "s-3", CLOSE).build());

        Map<String, UsageRollup> teams = byValue(PipelineDriver.of(Dimension.TEAM, pipeline.rollups));

        assertThat(teams).containsOnlyKeys("payments", LedgerEntries.NO_TEAM);
        assertThat(teams.get("payments").getInputTokens()).isEqualTo(11);
        assertThat(teams.get("payments").getSessions()).isEqualTo(2);
        assertThat(teams.get("(none)").getInputTokens()).isEqualTo(100);
    }

    @Test
    @DisplayName("models are named canonically, and carry no outcomes")
    void models() {
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setModel("anthropic/Claude-Sonnet-4-20250514").setOutputTokens(1).build());
        pipeline.pipe(call("bob", "s-2", MINUTE.plusSeconds(2)).setModel("claude-sonnet-4@20250514").setOutputTokens(2).build());
        pipeline.pipe(call("bob", "s-2", MINUTE.plusSeconds(3)).setModel("gpt-4o-2024-08-06").setOutputTokens(4).build());
        pipeline.pipe(commit("bob", MINUTE.plusSeconds(4)));
        pipeline.pipe(call("carol", "s-3", CLOSE).setModel("gpt-4o").build());

        Map<String, UsageRollup> models = byValue(PipelineDriver.of(Dimension.MODEL, pipeline.rollups));

        assertThat(models).containsOnlyKeys("claude-sonnet-4", "gpt-4o");
        assertThat(models.get("claude-sonnet-4").getOutputTokens()).isEqualTo(3);
        assertThat(models.get("claude-sonnet-4").getSessions()).isEqualTo(2);
        assertThat(models.get("gpt-4o").getOutputTokens()).isEqualTo(4);
        assertThat(models.values()).allSatisfy(rollup -> {
            assertThat(rollup.getCommits()).isZero();
            assertThat(rollup.getTokensPerCommit()).isNull();
        });
    }

    @Test
    @DisplayName("outcomes count in their user's and team's windows, with tokens per commit and cost per merged PR")
    void outcomesInUserAndTeamWindows() {
        pipeline.pipe("claude-sonnet-4", Prices.model("claude-sonnet-4",
                Prices.version(Instant.parse("2025-01-01T00:00:00Z"), 3.0, 15.0, 0.30, 3.75)));
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(1)).setTeamId("payments")
                .setInputTokens(1_000).setOutputTokens(200).setCacheReadTokens(10_000).setCacheWriteTokens(400).build());
        pipeline.pipe(commit("alice", MINUTE.plusSeconds(2)));
        pipeline.pipe(outcome("alice", OutcomeKind.COMMIT, MINUTE.plusSeconds(3), 5, 1));
        pipeline.pipe(outcome("alice", OutcomeKind.PR_OPENED, MINUTE.plusSeconds(4), 15, 3));
        pipeline.pipe(outcome("alice", OutcomeKind.PR_MERGED, MINUTE.plusSeconds(5), 15, 3));
        pipeline.pipe(outcome("alice", OutcomeKind.REVIEW, MINUTE.plusSeconds(6), 0, 0));
        pipeline.pipe(call("zed", "s-9", CLOSE).build());

        List<UsageRollup> emitted = pipeline.rollups.readValuesToList();
        UsageRollup user = only(emitted, Dimension.USER, "alice");
        UsageRollup team = only(emitted, Dimension.TEAM, "payments");

        for (UsageRollup rollup : List.of(user, team)) {
            assertThat(rollup.getCommits()).isEqualTo(2);
            assertThat(rollup.getPrsOpened()).isEqualTo(1);
            assertThat(rollup.getPrsMerged()).isEqualTo(1);
            assertThat(rollup.getLinesAdded()).as("commits' lines only").isEqualTo(15);
            assertThat(rollup.getLinesRemoved()).isEqualTo(3);
            assertThat(rollup.getTokensPerCommit()).isEqualTo(11_600 / 2.0);
            assertThat(rollup.getCostPerMergedPr()).isCloseTo(0.0105, within(1e-12));
        }
    }

    @Test
    @DisplayName("an outcome counts for the team of its user's latest call by ts; a user with no call yet gives \"(none)\"")
    void outcomeTeamAttribution() {
        pipeline.pipe(commit("alice", MINUTE.plusSeconds(1)));
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(2)).setTeamId("payments").build());
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(10)).setTeamId("search").build());
        pipeline.pipe(call("alice", "s-1", MINUTE.plusSeconds(5)).setTeamId("payments").build());
        pipeline.pipe(commit("alice", MINUTE.plusSeconds(20)));
        pipeline.pipe(call("zed", "s-9", CLOSE).build());

        Map<String, UsageRollup> teams = byValue(PipelineDriver.of(Dimension.TEAM, pipeline.rollups));

        assertThat(teams.get("(none)").getCommits()).isEqualTo(1);
        assertThat(teams.get("search").getCommits()).as("the call at :10 is the latest, though not the last to arrive").isEqualTo(1);
        assertThat(teams.get("payments").getCommits()).isZero();
    }

    private static OutcomeEvent outcome(String user, OutcomeKind kind, Instant ts, long added, long removed) {
        return OutcomeEvent.newBuilder().setEventId(UUID.randomUUID().toString()).setTs(ts).setUserId(user)
                .setKind(kind).setLinesAdded(added).setLinesRemoved(removed).build();
    }

    private static UsageRollup only(List<UsageRollup> rollups, Dimension dimension, String value) {
        return rollups.stream().filter(r -> r.getDimension() == dimension && r.getDimensionValue().equals(value))
                .reduce((a, b) -> {
                    throw new AssertionError("two rollups of " + new RollupKey(dimension, value, a.getWindowStart()));
                }).orElseThrow();
    }

    private static Map<String, UsageRollup> byValue(List<UsageRollup> rollups) {
        return rollups.stream().filter(r -> r.getWindowStart().equals(MINUTE))
                .collect(Collectors.toMap(UsageRollup::getDimensionValue, Function.identity()));
    }
}
