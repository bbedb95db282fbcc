package io.burnwatch.streams.topology;

/** A record's value, and whether it was read from its user's partition. */
record Placed<V>(V value, boolean owned) {
}
