package io.burnwatch.local.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class CompatibilityTest {

    private static final Schema V1 = parse(TestSchemas.USAGE_V1);
    private static final Schema WITH_DEFAULT = parse(TestSchemas.USAGE_V2_WITH_DEFAULT);
    private static final Schema NO_DEFAULT = parse(TestSchemas.USAGE_V2_NO_DEFAULT);
    private static final Schema WITHOUT_TOKENS = parse("""
            {"type":"record","name":"Usage","namespace":"test","fields":[{"name":"user_id","type":"string"}]}""");

    @Test
    @DisplayName("BACKWARD: new readers must read old data, so a new field needs a default; dropping a field is fine")
    void backward() {
        assertThat(Compatibility.BACKWARD.problems(WITH_DEFAULT, List.of(V1))).isEmpty();
        assertThat(Compatibility.BACKWARD.problems(NO_DEFAULT, List.of(V1))).isNotEmpty();
        assertThat(Compatibility.BACKWARD.problems(WITHOUT_TOKENS, List.of(V1))).isEmpty();
    }

    @Test
    @DisplayName("FORWARD: old readers must read new data, so dropping a field they need is refused")
    void forward() {
        assertThat(Compatibility.FORWARD.problems(NO_DEFAULT, List.of(V1))).isEmpty();
        assertThat(Compatibility.FORWARD.problems(WITHOUT_TOKENS, List.of(V1))).isNotEmpty();
    }

    @Test
    @DisplayName("FULL needs both directions; NONE accepts anything")
    void fullAndNone() {
        assertThat(Compatibility.FULL.problems(WITH_DEFAULT, List.of(V1))).isEmpty();
        assertThat(Compatibility.FULL.problems(NO_DEFAULT, List.of(V1))).isNotEmpty();
        assertThat(Compatibility.FULL.problems(WITHOUT_TOKENS, List.of(V1))).isNotEmpty();
        assertThat(Compatibility.NONE.problems(WITHOUT_TOKENS, List.of(V1))).isEmpty();
    }

    @Test
    @DisplayName("plain levels compare with the latest version only; TRANSITIVE levels with every earlier one")
    void transitiveChecksAllVersions() {
        // tokens: a long in V1, gone in V2, back as a string in V3. V3 reads V2 data (the default fills it in)
        // but not V1 data, where tokens is a long.
        Schema tokensAsString = parse("""
                {"type":"record","name":"Usage","namespace":"test","fields":[
                  {"name":"user_id","type":"string"},{"name":"tokens","type":"string","default":"0"}]}""");
        List<Schema> history = List.of(V1, WITHOUT_TOKENS);

        assertThat(Compatibility.BACKWARD.problems(tokensAsString, history)).isEmpty();
        assertThat(Compatibility.BACKWARD_TRANSITIVE.problems(tokensAsString, history)).isNotEmpty();
    }

    @Test
    @DisplayName("levels are read case-insensitively; unknown ones are refused with 42203")
    void parse() throws Exception {
        assertThat(Compatibility.parse("full_transitive")).isEqualTo(Compatibility.FULL_TRANSITIVE);
        assertThatThrownBy(() -> Compatibility.parse("LOOSE"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203));
    }

    private static Schema parse(String text) {
        return new Schema.Parser().parse(text);
    }
}
