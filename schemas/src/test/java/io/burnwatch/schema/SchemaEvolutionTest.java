package io.burnwatch.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.avro.specific.SpecificData;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * Contracts evolve only BACKWARD-compatibly: a consumer on the current schema reads everything written with
 * the last released one. Released schemas are kept verbatim under {@code released/<version>/}.
 */
class SchemaEvolutionTest {

    private static final Path RELEASED = Path.of("released");
    // A contract joins this list with the first release that contains it: ModelPrices has none yet, so there is
    // nothing to be compatible with.
    private static final List<Class<?>> CONTRACTS = List.of(
            UsageEvent.class, OutcomeEvent.class, Alert.class, UsageRollup.class, RollupKey.class);

    @Test
    @DisplayName("every contract reads data written with its previous released schema")
    void everyContractIsBackwardCompatibleWithItsLastRelease() throws IOException {
        Map<String, Schema> released = lastRelease();
        for (Class<?> contract : CONTRACTS) {
            Schema current = SpecificData.get().getSchema(contract);
            Schema previous = released.get(current.getFullName());
            assertThat(previous).as("released schema of %s", current.getFullName()).isNotNull();
            assertThat(compatibility(current, previous))
                    .as("%s must read data written with the released schema", current.getFullName())
                    .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        }
    }

    @Test
    @DisplayName("the check catches a new field without a default")
    void aNewRequiredFieldIsRejected() {
        Schema previous = UsageEvent.getClassSchema();
        Schema withRequiredField = new Schema.Parser().parse(previous.toString()
                .replace("{\"name\":\"repo\"", "{\"name\":\"workspace\",\"type\":\"string\"},{\"name\":\"repo\""));
        assertThat(withRequiredField.getField("workspace")).isNotNull();

        assertThat(compatibility(withRequiredField, previous)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    @Test
    @DisplayName("the check catches a removed enum symbol")
    void aRemovedEnumSymbolIsRejected() {
        Schema previous = OutcomeEvent.getClassSchema();
        Schema withoutDeploy = new Schema.Parser().parse(previous.toString().replace(",\"DEPLOY\"", ""));
        assertThat(withoutDeploy.getField("kind").schema().getEnumSymbols()).doesNotContain("DEPLOY");

        assertThat(compatibility(withoutDeploy, previous)).isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
    }

    private static SchemaCompatibilityType compatibility(Schema reader, Schema writer) {
        return SchemaCompatibility.checkReaderWriterCompatibility(reader, writer).getType();
    }

    /** The newest release's schemas by full name; Dimension goes first since others refer to it. */
    private static Map<String, Schema> lastRelease() throws IOException {
        Path newest;
        try (Stream<Path> versions = Files.list(RELEASED)) {
            newest = versions.max((a, b) -> compareVersions(a.getFileName().toString(), b.getFileName().toString()))
                    .orElseThrow(() -> new IllegalStateException("No released schemas under " + RELEASED.toAbsolutePath()));
        }
        List<Path> files;
        try (Stream<Path> listing = Files.list(newest)) {
            files = new ArrayList<>(listing.filter(p -> p.toString().endsWith(".avsc")).sorted().toList());
        }
        files.sort((a, b) -> Boolean.compare(!a.endsWith("Dimension.avsc"), !b.endsWith("Dimension.avsc")));
        Schema.Parser parser = new Schema.Parser();
        Map<String, Schema> byName = new TreeMap<>();
        for (Path file : files) {
            Schema schema = parser.parse(file.toFile());
            byName.put(schema.getFullName(), schema);
        }
        return byName;
    }

    private static int compareVersions(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.max(x.length, y.length); i++) {
            int diff = Integer.compare(i < x.length ? Integer.parseInt(x[i]) : 0, i < y.length ? Integer.parseInt(y[i]) : 0);
            if (diff != 0) {
                return diff;
            }
        }
        return 0;
    }
}
