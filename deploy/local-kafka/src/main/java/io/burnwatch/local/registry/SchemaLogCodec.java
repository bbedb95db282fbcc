package io.burnwatch.local.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;

/**
 * The JSON keys and values of the {@code _schemas} topic, shaped like Confluent Schema Registry's: the key names
 * what a record is about, so that compaction keeps the last word on each schema version and setting.
 */
final class SchemaLogCodec {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    private static final String SCHEMA = "SCHEMA";
    private static final String CONFIG = "CONFIG";
    private static final String COMPATIBILITY_LEVEL = "compatibilityLevel";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"keytype", "subject", "version", "magic"})
    record Key(String keytype, String subject, Integer version, int magic) {
    }

    private SchemaLogCodec() {
    }

    static byte[] key(SchemaLogEntry entry) throws IOException {
        if (entry instanceof SchemaVersion version) {
            return JSON.writeValueAsBytes(new Key(SCHEMA, version.subject(), version.version(), 1));
        }
        CompatibilitySetting setting = (CompatibilitySetting) entry;
        return JSON.writeValueAsBytes(new Key(CONFIG, setting.subject(), null, 0));
    }

    static byte[] value(SchemaLogEntry entry) throws IOException {
        if (entry instanceof SchemaVersion version) {
            return JSON.writeValueAsBytes(version);
        }
        return JSON.writeValueAsBytes(Map.of(COMPATIBILITY_LEVEL, ((CompatibilitySetting) entry).level()));
    }

    /** The entry a record holds; empty for tombstones and for record kinds this registry does not keep. */
    static Optional<SchemaLogEntry> decode(byte[] key, byte[] value) throws IOException {
        if (key == null || value == null) {
            return Optional.empty();
        }
        Key parsed = JSON.readValue(key, Key.class);
        if (SCHEMA.equals(parsed.keytype())) {
            return Optional.of(JSON.readValue(value, SchemaVersion.class));
        }
        if (CONFIG.equals(parsed.keytype())) {
            String level = JSON.readTree(value).path(COMPATIBILITY_LEVEL).asText();
            try {
                return Optional.of(new CompatibilitySetting(parsed.subject(), Compatibility.parse(level)));
            } catch (RegistryException e) {
                throw new IOException(e.getMessage(), e);
            }
        }
        return Optional.empty();
    }
}
