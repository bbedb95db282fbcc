package io.burnwatch.streams.idle;

import io.burnwatch.schema.Initiator;
import io.burnwatch.schema.UsageEvent;
import io.burnwatch.streams.cost.ModelNames;
import io.burnwatch.streams.state.LoopStats;
import io.burnwatch.streams.state.MinuteBurn;
import io.burnwatch.streams.state.SessionBurn;
import java.util.ArrayList;
import java.util.List;

/** Adds calls to a {@link SessionBurn}, keeping it bounded: minutes of the window only, a few models. */
final class SessionBurns {

    static final int MAX_MODELS = 4;

    private SessionBurns() {
    }

    static SessionBurn fresh(String userId, String sessionId) {
        return SessionBurn.newBuilder()
                .setUserId(userId)
                .setSessionId(sessionId)
                .setModels(new ArrayList<>())
                .setMinutes(new ArrayList<>())
                .setLoop(LoopStats.newBuilder().setPrompts(new ArrayList<>()).build())
                .build();
    }

    /**
     * Adds {@code call} to {@code session}'s burn. {@code own} is false when the call is a subagent's, counted
     * toward its family's root: the root keeps its own client, repo and team then, if it has them.
     */
    static void add(SessionBurn session, UsageEvent call, Double costUsd, int windowMinutes, boolean own) {
        long ts = call.getTs().toEpochMilli();
        describe(session, call, own);
        if (session.getFirstCallTs() == 0 || ts < session.getFirstCallTs()) {
            session.setFirstCallTs(ts);
        }
        session.setLastCallTs(Math.max(session.getLastCallTs(), ts));
        if (call.getInitiator() == Initiator.HUMAN) {
            session.setLastHumanTs(session.getLastHumanTs() == null ? ts : Math.max(session.getLastHumanTs(), ts));
            return;
        }
        if (session.getSinceTs() == 0) {
            session.setSinceTs(session.getFirstCallTs());
        }
        if (ts >= session.getSinceTs()) {
            session.setSinceCalls(session.getSinceCalls() + 1);
            session.setSinceTokens(session.getSinceTokens() + call.getInputTokens() + call.getOutputTokens()
                    + call.getCacheReadTokens() + call.getCacheWriteTokens());
            if (costUsd != null) {
                session.setSinceCostUsd(session.getSinceCostUsd() + costUsd);
                session.setSinceCostedCalls(session.getSinceCostedCalls() + 1);
            }
        }
        if (costUsd != null) {
            session.setTotalCostUsd(session.getTotalCostUsd() + costUsd);
        }
        List<MinuteBurn> minutes = new ArrayList<>(session.getMinutes());
        addToMinutes(minutes, call, costUsd, windowMinutes);
        session.setMinutes(minutes);
        LoopFingerprints.observe(session.getLoop(), call, session.getLastAgentCallTs());
        session.setLastAgentCallTs(Math.max(session.getLastAgentCallTs(), ts));
    }

    private static void describe(SessionBurn session, UsageEvent call, boolean own) {
        if (call.getTeamId() != null && (own || session.getTeamId() == null)) {
            session.setTeamId(call.getTeamId());
        }
        if (call.getRepo() != null && (own || session.getRepo() == null)) {
            session.setRepo(call.getRepo());
        }
        if (call.getClient() != null && (own || session.getClient() == null)) {
            session.setClient(call.getClient());
        }
        String model = ModelNames.canonical(call.getModel());
        List<String> models = new ArrayList<>(session.getModels());
        models.remove(model);
        models.add(model);
        session.setModels(models.subList(Math.max(0, models.size() - MAX_MODELS), models.size()));
    }

    /** Adds the call to its minute; minutes before the window of the newest minute are dropped. */
    private static void addToMinutes(List<MinuteBurn> minutes, UsageEvent call, Double costUsd, int windowMinutes) {
        long minute = Math.floorDiv(call.getTs().toEpochMilli(), WindowBurn.MINUTE_MS);
        int at = minutes.size();
        while (at > 0 && minutes.get(at - 1).getMinute() > minute) {
            at--;
        }
        MinuteBurn bucket;
        if (at > 0 && minutes.get(at - 1).getMinute() == minute) {
            bucket = minutes.get(at - 1);
        } else {
            bucket = MinuteBurn.newBuilder().setMinute(minute).setCalls(0).setInputTokens(0).setOutputTokens(0)
                    .setCacheReadTokens(0).setCacheWriteTokens(0).setCostUsd(0).setCostedCalls(0).build();
            minutes.add(at, bucket);
        }
        bucket.setCalls(bucket.getCalls() + 1);
        bucket.setInputTokens(bucket.getInputTokens() + call.getInputTokens());
        bucket.setOutputTokens(bucket.getOutputTokens() + call.getOutputTokens());
        bucket.setCacheReadTokens(bucket.getCacheReadTokens() + call.getCacheReadTokens());
        bucket.setCacheWriteTokens(bucket.getCacheWriteTokens() + call.getCacheWriteTokens());
        if (costUsd != null) {
            bucket.setCostUsd(bucket.getCostUsd() + costUsd);
            bucket.setCostedCalls(bucket.getCostedCalls() + 1);
        }
        long oldestKept = minutes.get(minutes.size() - 1).getMinute() - windowMinutes + 1;
        minutes.removeIf(kept -> kept.getMinute() < oldestKept);
    }

    /** Whether the session is a subagent's, whose alerts are its root's. */
    static boolean isSubagent(SessionBurn session) {
        return session.getRootSessionId() != null;
    }
}
