package io.burnwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("HTTP limits, tokens and metrics detail settings")
class HttpSettingsTest {

    private static final String TOKEN = "0123456789abcdef0123456789abcdef";

    @Test
    @DisplayName("defaults: no tokens, 16 threads, 10 s idle timeout, 8 KiB headers, the short scrape")
    void defaults() {
        BurnwatchConfig config = BurnwatchConfig.of(Map.of());

        assertThat(config.httpAuthTokens()).isEmpty();
        assertThat(config.httpPeerToken()).isEmpty();
        assertThat(config.httpLimits().threads()).isEqualTo(16);
        assertThat(config.httpLimits().idleTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(config.httpLimits().maxHeaderBytes()).isEqualTo(8192);
        assertThat(config.metricsDetail()).isFalse();
    }

    @Test
    @DisplayName("tokens are passwords: read as set, listed hidden, and a short one refused without repeating it")
    void tokens() {
        BurnwatchConfig config = BurnwatchConfig.of(Map.of(BurnwatchSettings.HTTP_AUTH_TOKENS, TOKEN + ", " + TOKEN + "x",
                BurnwatchSettings.HTTP_AUTH_PEER_TOKEN, "peer-" + TOKEN));

        assertThat(config.httpAuthTokens()).containsExactly(TOKEN, TOKEN + "x");
        assertThat(config.httpPeerToken()).isEqualTo("peer-" + TOKEN);
        assertThat(BurnwatchSettings.DEFINITION.configKeys().get(BurnwatchSettings.HTTP_AUTH_TOKENS).type)
                .isEqualTo(ConfigDef.Type.PASSWORD);
        assertThat(BurnwatchSettings.DEFINITION.configKeys().get(BurnwatchSettings.HTTP_AUTH_PEER_TOKEN).type)
                .isEqualTo(ConfigDef.Type.PASSWORD);
        assertThatThrownBy(() -> BurnwatchConfig.of(Map.of(BurnwatchSettings.HTTP_AUTH_TOKENS, "secret42")))
                .isInstanceOf(ConfigException.class).hasMessageContaining("shorter than 16")
                .hasMessageNotContaining("secret42");
    }

    @Test
    @DisplayName("limits and metrics detail are read and checked")
    void limits() {
        BurnwatchConfig config = BurnwatchConfig.of(Map.of(BurnwatchSettings.HTTP_THREADS, "8",
                BurnwatchSettings.HTTP_IDLE_TIMEOUT, "3s", BurnwatchSettings.METRICS_DETAIL, "true"));

        assertThat(config.httpLimits().threads()).isEqualTo(8);
        assertThat(config.httpLimits().idleTimeout()).isEqualTo(Duration.ofSeconds(3));
        assertThat(config.metricsDetail()).isTrue();
        for (Map.Entry<String, String> bad : List.of(Map.entry(BurnwatchSettings.HTTP_THREADS, "1"),
                Map.entry(BurnwatchSettings.HTTP_IDLE_TIMEOUT, "0s"), Map.entry(BurnwatchSettings.METRICS_DETAIL, "yes"))) {
            assertThatThrownBy(() -> BurnwatchConfig.of(Map.ofEntries(bad))).as(bad.getKey())
                    .isInstanceOf(ConfigException.class).hasMessageContaining(bad.getKey());
        }
    }
}
