package io.burnwatch.local.registry;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The body of a register, lookup or compatibility request. */
@JsonIgnoreProperties(ignoreUnknown = true)
record SchemaRequest(String schema, String schemaType, List<JsonNode> references) {
}
