package io.burnwatch.registry;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;

/**
 * A registry in memory, for tests. Ids are global and a schema that is registered under several subjects
 * keeps one id, as in Confluent Schema Registry.
 */
public class InMemorySchemaRegistryClient implements SchemaRegistryClient {

    private final Map<Integer, Schema> schemasById = new HashMap<>();
    private final Map<String, Integer> idsBySchema = new HashMap<>();
    private final Map<String, Map<String, Integer>> idsBySubject = new HashMap<>();

    @Override
    public synchronized int register(String subject, Schema schema) {
        String canonical = schema.toString();
        int id = idsBySchema.computeIfAbsent(canonical, s -> {
            int next = schemasById.size() + 1;
            schemasById.put(next, schema);
            return next;
        });
        idsBySubject.computeIfAbsent(subject, s -> new HashMap<>()).put(canonical, id);
        return id;
    }

    @Override
    public synchronized int idOf(String subject, Schema schema) {
        Integer id = idsBySubject.getOrDefault(subject, Map.of()).get(schema.toString());
        if (id == null) {
            throw new SchemaRegistryException("Schema not found under subject " + subject, 404, 40403);
        }
        return id;
    }

    @Override
    public synchronized Schema byId(int id) {
        Schema schema = schemasById.get(id);
        if (schema == null) {
            throw new SchemaRegistryException("Schema " + id + " not found", 404, 40403);
        }
        return schema;
    }
}
