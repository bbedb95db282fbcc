package io.burnwatch.streams.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("The closest setting name to a misspelt one")
class SettingNamesTest {

    private static final List<String> KNOWN = List.of("burnwatch.idle.patience", "burnwatch.idle.quiet",
            "burnwatch.topic.rollups.1m", "burnwatch.topic.rollups.1h");

    @Test
    @DisplayName("a letter wrong, missing or extra finds the name")
    void typos() {
        assertThat(SettingNames.closest("burnwatch.idle.patiense", KNOWN)).contains("burnwatch.idle.patience");
        assertThat(SettingNames.closest("burnwatch.idle.quet", KNOWN)).contains("burnwatch.idle.quiet");
        assertThat(SettingNames.closest("burnwatch.topic.rollup.1h", KNOWN)).contains("burnwatch.topic.rollups.1h");
    }

    @Test
    @DisplayName("a name like none of them finds none")
    void unlike() {
        assertThat(SettingNames.closest("burnwatch.sim.rate", KNOWN)).isEmpty();
        assertThat(SettingNames.closest("x", KNOWN)).isEmpty();
    }

    @Test
    @DisplayName("counts insertions, deletions and substitutions")
    void distance() {
        assertThat(SettingNames.distance("kitten", "sitting")).isEqualTo(3);
        assertThat(SettingNames.distance("", "abc")).isEqualTo(3);
        assertThat(SettingNames.distance("same", "same")).isZero();
    }
}
