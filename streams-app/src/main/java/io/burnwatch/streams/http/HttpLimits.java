package io.burnwatch.streams.http;

import java.time.Duration;

/**
 * What one HTTP server grants its clients: worker threads, how long a connection may stay silent (while sending
 * its headers or body too), and the largest request header and body.
 */
public record HttpLimits(int threads, Duration idleTimeout, int maxHeaderBytes, int maxBodyBytes) {

    public static final HttpLimits DEFAULT = new HttpLimits(16, Duration.ofSeconds(10), 8 * 1024, 16 * 1024);
}
