package io.burnwatch.local.registry;

import static io.burnwatch.local.registry.TestSchemas.OUTCOME;
import static io.burnwatch.local.registry.TestSchemas.USAGE_V1;
import static io.burnwatch.local.registry.TestSchemas.USAGE_V2_NO_DEFAULT;
import static io.burnwatch.local.registry.TestSchemas.USAGE_V2_WITH_DEFAULT;
import static io.burnwatch.local.registry.TestSchemas.avro;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class SchemaRegistryTest {

    private final RecordingSchemaLog log = new RecordingSchemaLog();
    private final SchemaRegistry registry = new SchemaRegistry(new SchemaStore(), log);

    @Test
    @DisplayName("ids are global and count up from 1; versions count up per subject")
    void idsAreGlobalAndVersionsPerSubject() throws Exception {
        SchemaVersion usage = registry.register("usage-value", avro(USAGE_V1));
        SchemaVersion outcome = registry.register("outcome-value", avro(OUTCOME));
        SchemaVersion usageV2 = registry.register("usage-value", avro(USAGE_V2_WITH_DEFAULT));

        assertThat(List.of(usage.id(), outcome.id(), usageV2.id())).containsExactly(1, 2, 3);
        assertThat(List.of(usage.version(), outcome.version(), usageV2.version())).containsExactly(1, 1, 2);
        assertThat(registry.store().versions("usage-value")).containsExactly(1, 2);
        assertThat(registry.store().subjects()).containsExactly("outcome-value", "usage-value");
    }

    @Test
    @DisplayName("registering a schema again under its subject returns its id and adds no version or log record")
    void registrationIsIdempotent() throws Exception {
        int first = registry.register("usage-value", avro(USAGE_V1)).id();
        String reformatted = USAGE_V1.replace("\n", " ").replace(":", " : ");

        int again = registry.register("usage-value", avro(reformatted)).id();

        assertThat(again).isEqualTo(first);
        assertThat(registry.store().versions("usage-value")).containsExactly(1);
        assertThat(log.records).hasSize(1);
    }

    @Test
    @DisplayName("the same schema under another subject reuses its global id, as version 1 there")
    void sameSchemaUnderAnotherSubjectKeepsItsId() throws Exception {
        SchemaVersion original = registry.register("usage-value", avro(USAGE_V1));

        SchemaVersion elsewhere = registry.register("usage-archive-value", avro(USAGE_V1));

        assertThat(elsewhere.id()).isEqualTo(original.id());
        assertThat(elsewhere.version()).isEqualTo(1);
        assertThat(registry.store().usagesOf(original.id())).containsExactly(
                new SchemaStore.SubjectVersion("usage-archive-value", 1),
                new SchemaStore.SubjectVersion("usage-value", 1));
    }

    @Test
    @DisplayName("under BACKWARD, a new field without a default is refused with 409 and nothing is stored")
    void backwardIncompatibleChangeIsRefused() throws Exception {
        registry.register("usage-value", avro(USAGE_V1));

        assertThatThrownBy(() -> registry.register("usage-value", avro(USAGE_V2_NO_DEFAULT)))
                .isInstanceOfSatisfying(RegistryException.class, e -> {
                    assertThat(e.status()).isEqualTo(409);
                    assertThat(e.errorCode()).isEqualTo(409);
                    assertThat(e.getMessage()).contains("usage-value").contains("model");
                });
        assertThat(registry.store().versions("usage-value")).containsExactly(1);
        assertThat(log.records).hasSize(1);
    }

    @Test
    @DisplayName("a subject set to NONE accepts any change, while other subjects stay BACKWARD")
    void subjectLevelOverridesGlobal() throws Exception {
        registry.register("usage-value", avro(USAGE_V1));
        registry.register("other-value", avro(USAGE_V1));

        registry.setCompatibility("usage-value", "none");

        assertThat(registry.register("usage-value", avro(USAGE_V2_NO_DEFAULT)).version()).isEqualTo(2);
        assertThatThrownBy(() -> registry.register("other-value", avro(USAGE_V2_NO_DEFAULT)))
                .isInstanceOf(RegistryException.class);
        assertThat(registry.store().subjectCompatibility("usage-value")).contains(Compatibility.NONE);
        assertThat(registry.store().compatibility("other-value")).isEqualTo(Compatibility.BACKWARD);
    }

    @Test
    @DisplayName("an unknown compatibility level is refused with 42203")
    void unknownLevelIsRefused() {
        assertThatThrownBy(() -> registry.setCompatibility(null, "SIDEWAYS"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42203));
        assertThat(log.records).isEmpty();
    }

    @Test
    @DisplayName("unparsable schemas, non-Avro types and references are refused with 42201")
    void invalidSchemasAreRefused() {
        List<SchemaRequest> invalid = List.of(
                avro("{\"type\":\"record\",\"name\":\"Broken\""),
                avro("{\"type\":\"record\",\"name\":\"NoFields\"}"),
                avro(""),
                new SchemaRequest("syntax = \"proto3\";", "PROTOBUF", null),
                new SchemaRequest(USAGE_V1, "AVRO", List.of(JsonNodeFactory.instance.objectNode().put("name", "x"))));

        for (SchemaRequest request : invalid) {
            assertThatThrownBy(() -> registry.register("usage-value", request))
                    .as(request.toString())
                    .isInstanceOfSatisfying(RegistryException.class, e -> {
                        assertThat(e.status()).isEqualTo(422);
                        assertThat(e.errorCode()).isEqualTo(42201);
                    });
        }
        assertThat(log.records).isEmpty();
    }

    @Test
    @DisplayName("when the log cannot be written, the registration fails and the id is not used up")
    void failedWriteChangesNothing() throws Exception {
        log.failing = true;
        assertThatThrownBy(() -> registry.register("usage-value", avro(USAGE_V1)))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(50001));
        assertThatThrownBy(() -> registry.store().versions("usage-value"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));

        log.failing = false;
        assertThat(registry.register("usage-value", avro(USAGE_V1)).id()).isEqualTo(1);
    }

    @Test
    @DisplayName("lookup finds a registered schema, and tells an unknown subject (40401) from an unknown schema"
            + " (40403)")
    void lookup() throws Exception {
        SchemaVersion registered = registry.register("usage-value", avro(USAGE_V1));

        assertThat(registry.lookup("usage-value", avro(USAGE_V1))).isEqualTo(registered);
        assertThatThrownBy(() -> registry.lookup("nothing-value", avro(USAGE_V1)))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40401));
        assertThatThrownBy(() -> registry.lookup("usage-value", avro(OUTCOME)))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40403));
    }

    @Test
    @DisplayName("versions are found by number or as latest; bad and missing versions get 42202 and 40402")
    void versionsByNumberOrLatest() throws Exception {
        registry.register("usage-value", avro(USAGE_V1));
        SchemaVersion v2 = registry.register("usage-value", avro(USAGE_V2_WITH_DEFAULT));

        assertThat(registry.store().version("usage-value", "latest")).isEqualTo(v2);
        assertThat(registry.store().version("usage-value", "1").id()).isEqualTo(1);
        assertThatThrownBy(() -> registry.store().version("usage-value", "first"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(42202));
        assertThatThrownBy(() -> registry.store().version("usage-value", "3"))
                .isInstanceOfSatisfying(RegistryException.class, e -> assertThat(e.errorCode()).isEqualTo(40402));
    }

    @Test
    @DisplayName("a registry rebuilt from its log has the same ids, versions and levels, and goes on from the"
            + " highest id")
    void replayRebuildsTheStore() throws Exception {
        registry.register("usage-value", avro(USAGE_V1));
        registry.register("outcome-value", avro(OUTCOME));
        registry.register("usage-value", avro(USAGE_V2_WITH_DEFAULT));
        registry.setCompatibility(null, "FULL");
        registry.setCompatibility("outcome-value", "NONE");

        SchemaRegistry restarted = new SchemaRegistry(log.replay(), log);

        assertThat(restarted.store().version("usage-value", "2"))
                .isEqualTo(registry.store().version("usage-value", "2"));
        assertThat(restarted.store().schemaById(2)).isEqualTo(registry.store().schemaById(2));
        assertThat(restarted.store().globalCompatibility()).isEqualTo(Compatibility.FULL);
        assertThat(restarted.store().subjectCompatibility("outcome-value")).contains(Compatibility.NONE);
        assertThat(restarted.register("usage-value", avro(USAGE_V1)).id()).isEqualTo(1);
        assertThat(restarted.register("outcome-value", avro(USAGE_V1)).id())
                .as("known schema keeps its id").isEqualTo(1);
        assertThat(restarted.register("outcome-value", avro(USAGE_V2_NO_DEFAULT)).id()).isEqualTo(4);
    }

    @Test
    @DisplayName("the compatibility check answers for a given version without registering anything")
    void compatibilityCheck() throws Exception {
        registry.register("usage-value", avro(USAGE_V1));

        assertThat(registry.isCompatible("usage-value", "latest", avro(USAGE_V2_WITH_DEFAULT))).isTrue();
        assertThat(registry.isCompatible("usage-value", "1", avro(USAGE_V2_NO_DEFAULT))).isFalse();
        assertThat(registry.store().versions("usage-value")).containsExactly(1);
    }
}
