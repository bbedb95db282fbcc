package io.burnwatch.streams.guard.budget;

import io.burnwatch.streams.state.BucketSpend;
import io.burnwatch.streams.state.RecentSpend;
import java.util.ArrayList;
import java.util.List;

/**
 * A scope's closed 5-minute buckets of the last {@link Spending#BUCKETS}, as a sorted list of those that saw
 * spend: most scopes spend in few buckets, and only a busy one holds all 72.
 */
final class RecentBuckets {

    private RecentBuckets() {
    }

    static RecentSpend empty() {
        return RecentSpend.newBuilder().setBuckets(new ArrayList<>()).build();
    }

    /**
     * Adds {@code usd} to bucket {@code n}, and drops the buckets too old to count once {@code current} is the
     * scope's current bucket.
     */
    static void add(RecentSpend recent, long n, double usd, long current) {
        List<BucketSpend> buckets = new ArrayList<>(recent.getBuckets().size() + 1);
        for (BucketSpend bucket : recent.getBuckets()) {
            if (held(bucket.getBucket(), current)) {
                buckets.add(bucket);
            }
        }
        recent.setBuckets(buckets);
        if (!held(n, current)) {
            return;
        }
        int at = 0;
        while (at < buckets.size() && buckets.get(at).getBucket() < n) {
            at++;
        }
        if (at < buckets.size() && buckets.get(at).getBucket() == n) {
            BucketSpend bucket = buckets.get(at);
            bucket.setUsd(bucket.getUsd() + usd);
        } else {
            buckets.add(at, BucketSpend.newBuilder().setBucket(n).setUsd(usd).build());
        }
    }

    /** What was spent in closed bucket {@code n}: 0 if it saw nothing, or is too old to count beside {@code current}. */
    static double get(RecentSpend recent, long n, long current) {
        if (!held(n, current)) {
            return 0d;
        }
        for (BucketSpend bucket : recent.getBuckets()) {
            if (bucket.getBucket() == n) {
                return bucket.getUsd();
            }
        }
        return 0d;
    }

    /** A bucket counts while it is one of the {@link Spending#BUCKETS} up to and including the current one. */
    static boolean held(long n, long current) {
        return n <= current && n > current - Spending.BUCKETS;
    }
}
