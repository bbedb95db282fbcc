package io.burnwatch.streams.http;

/** Who may call a route once tokens are configured. */
public enum Access {
    /** Anyone: health probes and metrics scrapes. */
    OPEN,
    /** Holders of a client token or the peer token. */
    CLIENT,
    /** Other instances of burnwatch only, holding the peer token. */
    PEER
}
