package io.burnwatch.serde;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;

import java.time.Instant;

/** Sample records of every contract, for serde tests. */
final class Contracts {

    private Contracts() {
    }

    static UsageEvent usage() {
        return UsageEvent.newBuilder()
                .setEventId("evt-1")
                .setTs(Instant.parse("2026-11-22T10:15:30.123Z"))
                .setUserId("alice")
                .setTeamId("payments")
                .setSessionId("s-1")
                .setParentSessionId(null)
                .setClient("claude-code")
                .setInitiator(Initiator.AGENT)
                .setModel("claude-sonnet-4-5")
                .setInputTokens(1_200)
                .setOutputTokens(300)
                .setCacheReadTokens(48_000)
                .setCacheWriteTokens(2_000)
                .setCostUsd(0.0421)
                .setPromptHash("ph-7")
                .setRepo("acme/ledger")
                .build();
    }
}
