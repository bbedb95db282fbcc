package io.burnwatch.streams.connect.receiver;

import io.burnwatch.streams.config.BurnwatchConfig;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.config.Durations;
import io.burnwatch.streams.http.HttpBinding;
import io.burnwatch.streams.http.HttpLimits;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;

/**
 * The receiver's settings ({@code burnwatch.receiver.*}, defined and validated with the others in
 * {@link BurnwatchSettings}), and the HTTP limits it shares with the app ({@code burnwatch.http.threads},
 * {@code .idle.timeout}, {@code .max.header.bytes}). A credential left empty disables its route.
 */
public record ReceiverSettings(String host, int port, List<String> otlpTokens, String githubSecret, String gitlabToken,
                               int maxRequestBytes, Duration sendTimeout, HttpLimits limits) {

    public static ReceiverSettings of(BurnwatchConfig config) {
        Map<String, String> settings = config.asMap();
        int maxRequestBytes = Integer.parseInt(settings.get(BurnwatchSettings.RECEIVER_MAX_REQUEST_BYTES).trim());
        HttpLimits app = config.httpLimits();
        return new ReceiverSettings(settings.get(BurnwatchSettings.RECEIVER_HOST).trim(),
                Integer.parseInt(settings.get(BurnwatchSettings.RECEIVER_PORT).trim()),
                Arrays.stream(settings.get(BurnwatchSettings.RECEIVER_OTLP_TOKENS).split(",")).map(String::trim)
                        .filter(token -> !token.isEmpty()).toList(),
                settings.get(BurnwatchSettings.RECEIVER_GITHUB_SECRET),
                settings.get(BurnwatchSettings.RECEIVER_GITLAB_TOKEN).trim(),
                maxRequestBytes,
                Durations.parse(settings.get(BurnwatchSettings.RECEIVER_SEND_TIMEOUT)),
                new HttpLimits(app.threads(), app.idleTimeout(), app.maxHeaderBytes(), maxRequestBytes));
    }

    public boolean otlpEnabled() {
        return !otlpTokens.isEmpty();
    }

    public boolean githubEnabled() {
        return !githubSecret.isBlank();
    }

    public boolean gitlabEnabled() {
        return !gitlabToken.isBlank();
    }

    /** The GitHub secret as GitHub keys its HMAC with it: the UTF-8 bytes, untrimmed. */
    byte[] githubSecretBytes() {
        return githubSecret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Refuses an address reachable from other machines with no credential: the receiver would then serve only
     * {@code /health}, and one set later would be easy to forget on an open port.
     *
     * @throws ConfigException on one line, naming the settings
     */
    public void requireCredentialBeyondLoopback() {
        if (!otlpEnabled() && !githubEnabled() && !gitlabEnabled() && !HttpBinding.loopback(host)) {
            throw new ConfigException(BurnwatchSettings.RECEIVER_HOST + "=" + host + " is reachable from other machines"
                    + " but no credential is set: set " + BurnwatchSettings.RECEIVER_OTLP_TOKENS
                    + " (BURNWATCH_RECEIVER_OTLP_TOKENS), " + BurnwatchSettings.RECEIVER_GITHUB_SECRET
                    + " (BURNWATCH_RECEIVER_GITHUB_SECRET) or " + BurnwatchSettings.RECEIVER_GITLAB_TOKEN
                    + " (BURNWATCH_RECEIVER_GITLAB_TOKEN), or bind 127.0.0.1");
        }
    }

    /** What the receiver serves, for its start line; never a secret. */
    public String routes() {
        StringBuilder routes = new StringBuilder();
        if (otlpEnabled()) {
            routes.append("POST ").append(ReceiverServer.LOGS).append(", ");
        }
        if (githubEnabled()) {
            routes.append("POST ").append(ReceiverServer.GITHUB).append(", ");
        }
        if (gitlabEnabled()) {
            routes.append("POST ").append(ReceiverServer.GITLAB).append(", ");
        }
        return routes.append("GET ").append(ReceiverServer.HEALTH).toString();
    }

    @Override
    public String toString() {
        // Never the secrets.
        return "ReceiverSettings[host=" + host + ", port=" + port + ", routes=" + routes() + "]";
    }
}
