package io.burnwatch.streams.query;

import io.burnwatch.streams.config.BurnwatchConfig;
import java.net.InetAddress;
import java.net.UnknownHostException;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the other instances reach this one's query endpoints: {@code application.server} when it is set (e.g. a
 * pod's DNS name), else the HTTP endpoint as bound; on a wildcard address, this machine's host name.
 */
public final class AdvertisedServer {

    private AdvertisedServer() {
    }

    public static HostInfo of(BurnwatchConfig config, int boundPort) {
        String set = config.asMap().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        if (set != null && !set.isBlank()) {
            return HostInfo.buildFromEndpoint(set.trim());
        }
        String host = config.httpHost();
        try {
            if (InetAddress.getByName(host).isAnyLocalAddress()) {
                host = InetAddress.getLocalHost().getCanonicalHostName();
            }
        } catch (UnknownHostException e) {
            throw new ConfigException(StreamsConfig.APPLICATION_SERVER_CONFIG, host,
                    "cannot tell other instances where this one is: set application.server to host:port");
        }
        return new HostInfo(host, boundPort);
    }

    public static String endpoint(HostInfo host) {
        return host.host() + ":" + host.port();
    }
}
