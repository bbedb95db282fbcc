package io.burnwatch.streams.query;

import java.util.Map;
import io.burnwatch.streams.config.BurnwatchSettings;
import static io.burnwatch.streams.testing.Events.call;
import static io.burnwatch.streams.testing.Events.commit;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import io.burnwatch.schema.Alert;
import io.burnwatch.schema.AlertKind;
import io.burnwatch.schema.AlertStatus;
import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.OutcomeEvent;
import io.burnwatch.schema.OutcomeKind;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.testing.PipelineDriver;
import io.burnwatch.streams.testing.Prices;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

@DisplayName("Query answers from the stores")
class QueryAnswersTest {

    private static final Instant T0 = Instant.parse("2026-03-03T09:30:00Z");
    private static final LocalDate DAY = LocalDate.of(2026, 3, 3);

    @RegisterExtension
    // A one-minute patience: alice's loop opens its alert within minutes.
    final PipelineDriver pipeline = PipelineDriver.start(Map.of(BurnwatchSettings.IDLE_PATIENCE, "1m"));

    private final QueryStores stores = new QueryStores() {
        @Override
        public <K, V> ReadOnlyKeyValueStore<K, V> store(String name, Integer partition) {
            return pipeline.driver.getKeyValueStore(name);
        }
    };

    @BeforeEach
    void pricesOneDollarPerMillionInputTokens() {
        pipeline.pipe("claude-sonnet-4", Prices.model("claude-sonnet-4",
                Prices.version(Instant.parse("2025-01-01T00:00:00Z"), 1, 0, 0, 0)));
    }

    @Test
    @DisplayName("a user's status has today's spend and tokens by type, the open IDLE_LOOP alert and the session burning now")
    void userStatus() {
        for (int i = 0; i < 30; i++) {
            pipeline.pipe(call("alice", "s-17", T0.plusSeconds(10L * i)).setInputTokens(20_000).setOutputTokens(5_000)
                    .setCacheReadTokens(70_000).setCacheWriteTokens(5_000).build());
        }
        pipeline.pipe(call("alice", "s-chat", T0.plusSeconds(300)).setInitiator(Initiator.HUMAN).setInputTokens(1_000).build());
        Alert opened = pipeline.alerts.readValuesToList().stream()
                .filter(alert -> alert.getStatus() == AlertStatus.OPEN).findFirst().orElseThrow();

        UserStatus alice = at(T0.plusSeconds(600)).user("alice", null).orElseThrow();

        assertThat(alice.day()).isEqualTo(DAY);
        assertThat(alice.requests()).isEqualTo(31);
        assertThat(alice.tokens()).isEqualTo(new UserStatus.Tokens(601_000, 150_000, 2_100_000, 150_000, 3_001_000));
        assertThat(alice.costUsd()).isCloseTo(0.601, within(1e-9));
        assertThat(alice.sessions()).isEqualTo(2);
        assertThat(alice.openAlerts()).singleElement().satisfies(alert -> {
            assertThat(alert.alertId()).isEqualTo(opened.getAlertId());
            assertThat(alert.kind()).isEqualTo(AlertKind.IDLE_LOOP);
            assertThat(alert.sessionId()).isEqualTo("s-17");
            assertThat(alert.openedAt()).isEqualTo(opened.getOpenedAt());
        });
        assertThat(alice.burningSessions()).as("the human chat is not burning").singleElement().satisfies(session -> {
            assertThat(session.sessionId()).isEqualTo("s-17");
            assertThat(session.calls()).isEqualTo(30);
            assertThat(session.tokens()).isEqualTo(3_000_000);
            assertThat(session.alertId()).isEqualTo(opened.getAlertId());
        });
        assertThat(QueryJson.write(alice)).contains("\"user_id\":\"alice\"", "\"day\":\"2026-03-03\"",
                "\"cache_read\":2100000", "\"open_alerts\":[{\"alert_id\":\"" + opened.getAlertId() + "\"",
                "\"opened_at\":\"" + opened.getOpenedAt() + "\"");
        assertThat(at(T0.plusSeconds(600)).openAlerts()).extracting(AlertView::alertId).containsExactly(opened.getAlertId());
    }

    @Test
    @DisplayName("a user with calls only yesterday, or none at all, is unknown today; a commit's user is known")
    void unknownUsers() {
        pipeline.pipe(call("bob", "s-1", T0).setInputTokens(10).build());
        pipeline.pipe(commit("carol", T0));

        assertThat(at(T0.plusSeconds(60)).user("bob", null)).isPresent();
        assertThat(at(T0.plusSeconds(86_400)).user("bob", null)).isEmpty();
        assertThat(at(T0.plusSeconds(60)).user("nobody", null)).isEmpty();
        assertThat(at(T0.plusSeconds(60)).user("carol", null)).hasValueSatisfying(carol -> {
            assertThat(carol.commits()).isEqualTo(1);
            assertThat(carol.requests()).isZero();
            assertThat(carol.costUsd()).isNull();
        });
    }

    @Test
    @DisplayName("the leaderboard ranks the day's users by cost, the same whether their parts come from one instance or two")
    void leaderboardByCost() {
        IntStream.rangeClosed(1, 6).forEach(user -> spend("u" + user, user));
        Leaderboard.Part all = at(T0.plusSeconds(600)).leaderboard(DAY, Ranking.COST, 3);

        Leaderboard board = Leaderboard.merge(DAY, Ranking.COST, 3, 5, List.of(all));

        assertThat(board.ranked()).isEqualTo(6);
        assertThat(board.withheld()).isNull();
        assertThat(board.entries()).extracting(Leaderboard.Entry::rank, Leaderboard.Entry::userId, Leaderboard.Entry::score)
                .containsExactly(tuple(1, "u6", 6.0), tuple(2, "u5", 5.0),
                        tuple(3, "u4", 4.0));
        List<Leaderboard.Entry> one = all.entries().stream().filter(e -> e.userId().equals("u5")).toList();
        List<Leaderboard.Entry> rest = all.entries().stream().filter(e -> !e.userId().equals("u5")).toList();
        assertThat(Leaderboard.merge(DAY, Ranking.COST, 3, 5, List.of(new Leaderboard.Part(2, one), new Leaderboard.Part(4, rest))))
                .isEqualTo(board);
        assertThat(at(T0.plusSeconds(600)).leaderboard(DAY.plusDays(1), Ranking.COST, 3).ranked()).isZero();
    }

    @Test
    @DisplayName("below the privacy floor the leaderboard shows no one, and says why")
    void privacyFloor() {
        IntStream.rangeClosed(1, 4).forEach(user -> spend("u" + user, user));

        Leaderboard board = Leaderboard.merge(DAY, Ranking.TOKENS, 10, 5,
                List.of(at(T0.plusSeconds(600)).leaderboard(DAY, Ranking.TOKENS, 10)));

        assertThat(board.ranked()).isEqualTo(4);
        assertThat(board.entries()).isEmpty();
        assertThat(board.withheld()).contains("fewer than 5 people");
    }

    @Test
    @DisplayName("by cost per merged PR the cheapest PR leads, and users without a merged PR are not ranked")
    void costPerMergedPr() {
        spend("u1", 4);
        spend("u2", 3);
        spend("u3", 1);
        merged("u1", 2);
        merged("u2", 1);

        Leaderboard.Part part = at(T0.plusSeconds(600)).leaderboard(DAY, Ranking.COST_PER_MERGED_PR, 10);

        assertThat(part.ranked()).isEqualTo(2);
        assertThat(part.entries()).extracting(Leaderboard.Entry::userId, Leaderboard.Entry::score, Leaderboard.Entry::prsMerged)
                .containsExactly(tuple("u1", 2.0, 2L), tuple("u2", 3.0, 1L));
    }

    @Test
    @DisplayName("a ranking is named by its parameter, and another name is a bad parameter naming the choices")
    void rankingParameter() {
        assertThat(Ranking.parse("cost_per_merged_pr")).isEqualTo(Ranking.COST_PER_MERGED_PR);
        assertThatThrownBy(() -> Ranking.parse("likes"))
                .isInstanceOfSatisfying(QueryException.class, e -> assertThat(e.status()).isEqualTo(400))
                .hasMessage("Bad parameter by=likes: one of cost, tokens, cost_per_merged_pr");
    }

    private LocalQueries at(Instant now) {
        return new LocalQueries(stores, Clock.fixed(now, ZoneOffset.UTC), 30);
    }

    /** A human turn costing {@code usd} at a dollar per million input tokens. */
    private void spend(String user, int usd) {
        UsageEvent turn = call(user, "s-" + user, T0).setInitiator(Initiator.HUMAN).setInputTokens(usd * 1_000_000L).build();
        pipeline.pipe(turn);
    }

    private void merged(String user, int prs) {
        for (int i = 0; i < prs; i++) {
            pipeline.pipe(OutcomeEvent.newBuilder(commit(user, T0.plusSeconds(i))).setKind(OutcomeKind.PR_MERGED).build());
        }
    }
}
