package io.burnwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("BURNWATCH_* environment variables")
class EnvironmentSettingsTest {

    @Test
    @DisplayName("a misspelt one stops the program, naming it and the variable it was meant to be")
    void misspelt() {
        assertThatThrownBy(() -> BurnwatchConfig.load(null, Map.of("BURNWATCH_IDLE_PATIENSE", "2h"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessage("Unknown environment variable BURNWATCH_IDLE_PATIENSE: did you mean BURNWATCH_IDLE_PATIENCE?"
                        + " Rename it, or unset it");
    }

    @Test
    @DisplayName("one like no setting is refused too, with how variables name settings")
    void unlikeAnySetting() {
        assertThatThrownBy(() -> BurnwatchConfig.load(null, Map.of("BURNWATCH_SIM_RATE", "10"), Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageStartingWith("Unknown environment variable BURNWATCH_SIM_RATE: unset it, or name a setting")
                .hasMessageContaining("see --help");
    }

    @Test
    @DisplayName("Kubernetes' variables for the Services of the namespace are no settings and are left alone")
    void kubernetesServiceLinks() {
        Map<String, String> env = Map.of(
                "BURNWATCH_HTTP_SERVICE_HOST", "10.0.0.11",
                "BURNWATCH_HTTP_SERVICE_PORT", "8080",
                "BURNWATCH_HTTP_SERVICE_PORT_HTTP", "8080",
                "BURNWATCH_HTTP_PORT_8080_TCP", "tcp://10.0.0.11:8080",
                "BURNWATCH_HTTP_PORT_8080_TCP_ADDR", "10.0.0.11",
                "BURNWATCH_HTTP_PORT_8080_TCP_PORT", "8080",
                "BURNWATCH_HTTP_PORT_8080_TCP_PROTO", "tcp",
                "BURNWATCH_REGISTRY_PORT", "tcp://10.0.0.12:8081",
                "BURNWATCH_HTTP_PORT", "9000");

        assertThat(BurnwatchConfig.fromEnvironment(env)).containsExactlyEntriesOf(Map.of("burnwatch.http.port", "9000"));
        assertThat(BurnwatchConfig.load(null, env, Map.of()).httpPort()).isEqualTo(9000);
    }

    @Test
    @DisplayName("every setting of burnwatch's has its variable")
    void everySetting() {
        for (String setting : BurnwatchSettings.DEFINITION.names()) {
            if (setting.startsWith(BurnwatchSettings.PREFIX)) {
                String variable = EnvironmentSettings.variable(setting);
                assertThat(BurnwatchConfig.fromEnvironment(Map.of(variable, "x"))).as(variable).containsOnlyKeys(setting);
            }
        }
    }
}
