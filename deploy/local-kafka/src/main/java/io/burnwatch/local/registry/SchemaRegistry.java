package io.burnwatch.local.registry;

import java.util.List;
import org.apache.avro.Schema;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The registry's operations. Changes are made one at a time: each is checked against the store, written to the
 * log, and only then applied to the store, so an answer is never given for a change that could be lost.
 */
final class SchemaRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(SchemaRegistry.class);
    private static final String AVRO = "AVRO";

    private final SchemaStore store;
    private final SchemaLog log;

    SchemaRegistry(SchemaStore store, SchemaLog log) {
        this.store = store;
        this.log = log;
    }

    SchemaStore store() {
        return store;
    }

    /** Registers the schema under {@code subject}, or returns its version there if it is registered already. */
    synchronized SchemaVersion register(String subject, SchemaRequest request) throws RegistryException {
        Schema schema = parse(request);
        var existing = store.find(subject, schema);
        if (existing.isPresent()) {
            return existing.get();
        }
        List<String> problems = store.compatibilityProblems(subject, schema);
        if (!problems.isEmpty()) {
            throw RegistryException.incompatible(subject, problems.toString());
        }
        SchemaVersion version = store.nextVersion(subject, schema);
        log.append(version);
        store.apply(version);
        LOG.info("Registered schema id {} as version {} of subject {}", version.id(), version.version(), subject);
        return version;
    }

    SchemaVersion lookup(String subject, SchemaRequest request) throws RegistryException {
        return store.lookup(subject, parse(request));
    }

    /** Whether the schema may follow the given version of {@code subject} under the subject's level. */
    boolean isCompatible(String subject, String version, SchemaRequest request) throws RegistryException {
        Schema schema = parse(request);
        SchemaVersion against = store.version(subject, version);
        Schema earlier = AvroSchemas.parseStored(against.schema());
        return store.compatibility(subject).problems(schema, List.of(earlier)).isEmpty();
    }

    /** Sets the level of {@code subject}, or the global level when it is null. */
    synchronized Compatibility setCompatibility(String subject, String level) throws RegistryException {
        CompatibilitySetting setting = new CompatibilitySetting(subject, Compatibility.parse(level));
        log.append(setting);
        store.apply(setting);
        LOG.info("Compatibility of {} set to {}", subject == null ? "the registry" : "subject " + subject,
                setting.level());
        return setting.level();
    }

    private static Schema parse(SchemaRequest request) throws RegistryException {
        if (request.schemaType() != null && !AVRO.equalsIgnoreCase(request.schemaType())) {
            throw RegistryException.invalidSchema("only AVRO schemas are supported, not " + request.schemaType());
        }
        if (request.references() != null && !request.references().isEmpty()) {
            throw RegistryException.invalidSchema("schema references are not supported");
        }
        return AvroSchemas.parse(request.schema());
    }
}
