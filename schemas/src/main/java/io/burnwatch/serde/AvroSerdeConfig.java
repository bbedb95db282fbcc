package io.burnwatch.serde;

import io.burnwatch.registry.SchemaRegistries;
import io.burnwatch.registry.SchemaRegistryClient;
import java.util.Map;

/** The serde's settings; the names are Confluent's, so existing client configs carry over. */
public final class AvroSerdeConfig {

    /** One or more registry URLs, comma-separated; {@code mock://scope} for an in-memory registry. */
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    /** Whether the serializer registers its schema (default true) or only looks its id up. */
    public static final String AUTO_REGISTER_SCHEMAS = "auto.register.schemas";
    /** {@code user:password} for registries behind HTTP basic auth. */
    public static final String BASIC_AUTH_USER_INFO = "basic.auth.user.info";
    /** How value subjects are named: {@link SubjectNameStrategy}; Confluent's class names are accepted too. */
    public static final String VALUE_SUBJECT_NAME_STRATEGY = "value.subject.name.strategy";
    /** How key subjects are named: {@link SubjectNameStrategy}; Confluent's class names are accepted too. */
    public static final String KEY_SUBJECT_NAME_STRATEGY = "key.subject.name.strategy";

    private AvroSerdeConfig() {
    }

    static SchemaRegistryClient client(Map<String, ?> configs) {
        Object url = configs.get(SCHEMA_REGISTRY_URL);
        if (url == null) {
            throw new IllegalArgumentException("Missing " + SCHEMA_REGISTRY_URL + ": set it to the schema registry's URL");
        }
        Object auth = configs.get(BASIC_AUTH_USER_INFO);
        return SchemaRegistries.forUrl(url.toString(), auth == null ? null : auth.toString());
    }

    static boolean autoRegister(Map<String, ?> configs) {
        Object value = configs.get(AUTO_REGISTER_SCHEMAS);
        return value == null || Boolean.parseBoolean(value.toString());
    }

    static SubjectNameStrategy subjectNameStrategy(Map<String, ?> configs, boolean isKey) {
        Object value = configs.get(isKey ? KEY_SUBJECT_NAME_STRATEGY : VALUE_SUBJECT_NAME_STRATEGY);
        return value == null ? SubjectNameStrategy.TOPIC_NAME : SubjectNameStrategy.parse(value.toString());
    }
}
