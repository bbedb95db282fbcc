package io.burnwatch.local.registry;

import org.apache.avro.Schema;

/** Parses schema text; a fresh parser each time, so that names defined by one schema never leak into another. */
final class AvroSchemas {

    private AvroSchemas() {
    }

    static Schema parse(String text) throws RegistryException {
        if (text == null || text.isBlank()) {
            throw RegistryException.invalidSchema("empty schema");
        }
        try {
            return new Schema.Parser().parse(text);
        } catch (RuntimeException e) {
            throw RegistryException.invalidSchema(e.getMessage());
        }
    }

    /** Parses a schema this registry accepted before, as read back from its log. */
    static Schema parseStored(String text) {
        return new Schema.Parser().parse(text);
    }
}
