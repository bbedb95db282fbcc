package io.burnwatch.local.registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.avro.Schema;

/**
 * What the registry knows, in memory: built by replaying the log, changed only by {@link #apply}. Ids are global:
 * a schema registered under a second subject keeps the id it got first.
 */
final class SchemaStore {

    /** A (subject, version) pair using a schema id. */
    record SubjectVersion(String subject, int version) {
    }

    private final Map<String, List<SchemaVersion>> versionsBySubject = new TreeMap<>();
    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, Compatibility> subjectLevels = new HashMap<>();
    private Compatibility globalLevel = Compatibility.BACKWARD;
    private int maxId;

    synchronized void apply(SchemaLogEntry entry) {
        if (entry instanceof SchemaVersion version) {
            apply(version);
        } else {
            CompatibilitySetting setting = (CompatibilitySetting) entry;
            if (setting.subject() == null) {
                globalLevel = setting.level();
            } else {
                subjectLevels.put(setting.subject(), setting.level());
            }
        }
    }

    private void apply(SchemaVersion logged) {
        Schema schema = AvroSchemas.parseStored(logged.schema());
        SchemaVersion version = new SchemaVersion(logged.subject(), logged.version(), logged.id(), schema.toString());
        List<SchemaVersion> versions = versionsBySubject.computeIfAbsent(version.subject(), s -> new ArrayList<>());
        versions.removeIf(existing -> existing.version() == version.version());
        versions.add(version);
        versions.sort((a, b) -> Integer.compare(a.version(), b.version()));
        schemasById.putIfAbsent(version.id(), schema);
        idsBySchema.putIfAbsent(version.schema(), version.id());
        maxId = Math.max(maxId, version.id());
    }

    synchronized List<String> subjects() {
        return List.copyOf(versionsBySubject.keySet());
    }

    synchronized List<Integer> versions(String subject) throws RegistryException {
        return versionsOf(subject).stream().map(SchemaVersion::version).toList();
    }

    /** @param version a version number, or {@code latest} (or -1) */
    synchronized SchemaVersion version(String subject, String version) throws RegistryException {
        List<SchemaVersion> versions = versionsOf(subject);
        if ("latest".equals(version) || "-1".equals(version)) {
            return versions.get(versions.size() - 1);
        }
        int number;
        try {
            number = Integer.parseInt(version);
        } catch (NumberFormatException e) {
            throw RegistryException.invalidVersion(version);
        }
        if (number < 1) {
            throw RegistryException.invalidVersion(version);
        }
        return versions.stream().filter(v -> v.version() == number).findFirst()
                .orElseThrow(() -> RegistryException.versionNotFound(subject, number));
    }

    synchronized String schemaById(int id) throws RegistryException {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw RegistryException.schemaNotFound("Schema " + id);
        }
        return schema.toString();
    }

    synchronized List<SubjectVersion> usagesOf(int id) throws RegistryException {
        List<SubjectVersion> usages = new ArrayList<>();
        versionsBySubject.values().forEach(versions -> versions.stream().filter(v -> v.id() == id)
                .forEach(v -> usages.add(new SubjectVersion(v.subject(), v.version()))));
        if (usages.isEmpty()) {
            throw RegistryException.schemaNotFound("Schema " + id);
        }
        return usages;
    }

    synchronized Optional<SchemaVersion> find(String subject, Schema schema) {
        String text = schema.toString();
        return versionsBySubject.getOrDefault(subject, List.of()).stream()
                .filter(v -> v.schema().equals(text)).findFirst();
    }

    synchronized SchemaVersion lookup(String subject, Schema schema) throws RegistryException {
        versionsOf(subject);
        return find(subject, schema).orElseThrow(() -> RegistryException.schemaNotFound("Schema"));
    }

    /** Why {@code schema} may not become the next version of {@code subject}; empty when it may. */
    synchronized List<String> compatibilityProblems(String subject, Schema schema) {
        List<Schema> earlier = versionsBySubject.getOrDefault(subject, List.of()).stream()
                .map(v -> schemasById.get(v.id())).toList();
        return compatibility(subject).problems(schema, earlier);
    }

    /** The version {@code schema} gets when registered next under {@code subject}. */
    synchronized SchemaVersion nextVersion(String subject, Schema schema) {
        String text = schema.toString();
        List<SchemaVersion> versions = versionsBySubject.getOrDefault(subject, List.of());
        int version = versions.isEmpty() ? 1 : versions.get(versions.size() - 1).version() + 1;
        int id = idsBySchema.getOrDefault(text, maxId + 1);
        return new SchemaVersion(subject, version, id, text);
    }

    synchronized Compatibility compatibility(String subject) {
        return subjectLevels.getOrDefault(subject, globalLevel);
    }

    synchronized Optional<Compatibility> subjectCompatibility(String subject) {
        return Optional.ofNullable(subjectLevels.get(subject));
    }

    synchronized Compatibility globalCompatibility() {
        return globalLevel;
    }

    private List<SchemaVersion> versionsOf(String subject) throws RegistryException {
        List<SchemaVersion> versions = versionsBySubject.get(subject);
        if (versions == null || versions.isEmpty()) {
            throw RegistryException.subjectNotFound(subject);
        }
        return versions;
    }
}
