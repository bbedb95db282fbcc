package io.burnwatch.streams.idle;

import static org.assertj.core.api.Assertions.assertThat;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.state.Episode;
import io.burnwatch.streams.state.SessionBurn;
import io.burnwatch.streams.testing.Events;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.SplittableRandom;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A session's state is fixed in size: at most a minute per minute of the window, four models, eight prompt slots
 * and one episode, however many calls the session makes.
 */
@DisplayName("Per-session state")
class SessionBurnSizeTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");
    /** The README quotes this bound; measured in Avro single-object encoding (10 header bytes; the store adds 5). */
    static final int MAX_BYTES = 1_600;

    @Test
    @DisplayName("stays under 1,600 bytes and stops growing, however long the session calls (every minute busy,"
            + " four models, a new prompt every call, an open episode)")
    void bounded() {
        IdleRule rule = new IdleRule(Duration.ofMinutes(30), 5, 2_000_000, Duration.ofHours(2), Duration.ofMinutes(1),
                Duration.ofMinutes(15), Duration.ofMinutes(30), Duration.ofMinutes(75), Duration.ofMinutes(10),
                Duration.ofMinutes(5));
        SessionBurn session = SessionBurns.fresh("user-with-a-long-name@example.com", "a1b2c3d4-e5f6-7890-abcd-ef1234567890");
        session.setRootSessionId("f0e1d2c3-b4a5-9687-7869-5a4b3c2d1e0f");
        session.setEpisode(Episode.newBuilder().setAlertId("0b5d9e8f-4a3c-3b2a-9d1e-7f6a5b4c3d2e").setStartedAt(1)
                .setOpenedAt(2).setLastStateTs(3).setCalls(Long.MAX_VALUE).setInputTokens(Long.MAX_VALUE)
                .setOutputTokens(Long.MAX_VALUE).setCacheReadTokens(Long.MAX_VALUE).setCacheWriteTokens(Long.MAX_VALUE)
                .setCostUsd(1e9).setCostedCalls(Long.MAX_VALUE).setReason("FINGERPRINTS").setSinceTs(Long.MAX_VALUE).build());
        SplittableRandom random = new SplittableRandom(1);
        String[] models = {"claude-sonnet-4-5", "claude-opus-4-1", "gpt-5-codex", "gemini-2.5-pro", "claude-haiku-4-5"};

        int after5k = 0;
        for (int i = 0; i < 20_000; i++) {
            UsageEvent call = Events.call(session.getUserId(), session.getSessionId(), T0.plusSeconds(i))
                    .setTeamId("platform-infrastructure").setRepo("acme-corporation/payments-service")
                    .setClient("claude-code").setInitiator(Initiator.AGENT).setModel(models[i % models.length])
                    .setInputTokens(random.nextLong(1, 1_000_000)).setOutputTokens(random.nextLong(1, 100_000))
                    .setCacheReadTokens(random.nextLong(1, 1_000_000)).setCacheWriteTokens(random.nextLong(1, 100_000))
                    .setPromptHash(Long.toHexString(random.nextLong())).build();
            SessionBurns.add(session, call, random.nextDouble() * 10, rule.windowMinutes(), true);
            if (i == 4_999) {
                after5k = bytes(session);
            }
        }
        int after20k = bytes(session);

        assertThat(session.getMinutes()).hasSize(30);
        assertThat(session.getModels()).hasSize(SessionBurns.MAX_MODELS);
        assertThat(session.getLoop().getPrompts()).hasSize(LoopFingerprints.PROMPT_SLOTS);
        assertThat(after20k).isLessThanOrEqualTo(MAX_BYTES).isBetween(after5k - 16, after5k + 16);
    }

    private static int bytes(SessionBurn session) {
        try {
            return session.toByteBuffer().remaining();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
