package io.burnwatch.streams.http;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;

/** Which tokens an HTTP address needs: none on loopback, at least one client token anywhere else. */
public final class HttpBinding {

    private HttpBinding() {
    }

    /**
     * The tokens to serve {@code host} with.
     *
     * @throws ConfigException if {@code host} is reachable from other machines and no client token is set
     */
    public static BearerTokens tokens(String host, List<String> clientTokens, String peerToken) {
        if (clientTokens.isEmpty() && !loopback(host)) {
            throw new ConfigException("burnwatch.http.host=" + host + " is reachable from other machines but no"
                    + " token is set: set burnwatch.http.auth.tokens (BURNWATCH_HTTP_AUTH_TOKENS) to a long random"
                    + " token, or bind 127.0.0.1");
        }
        return BearerTokens.of(clientTokens, peerToken);
    }

    /** Whether every address {@code host} names is a loopback address (an unknown host is not). */
    public static boolean loopback(String host) {
        try {
            for (InetAddress address : InetAddress.getAllByName(host)) {
                if (!address.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
