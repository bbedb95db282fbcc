package io.burnwatch.local.registry;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/** One HTTP request to the registry: the path's variable segments and the body. */
final class RegistryCall {

    private final List<String> params;
    private final byte[] body;
    private final ObjectMapper json;

    RegistryCall(List<String> params, byte[] body, ObjectMapper json) {
        this.params = params;
        this.body = body;
        this.json = json;
    }

    /** The {@code index}th {@code *} segment of the route, URL-decoded. */
    String param(int index) {
        return params.get(index);
    }

    int idParam(int index) throws RegistryException {
        try {
            return Integer.parseInt(params.get(index));
        } catch (NumberFormatException e) {
            throw RegistryException.schemaNotFound("Schema " + params.get(index));
        }
    }

    <T> T body(Class<T> type) throws RegistryException {
        try {
            return json.readValue(body.length == 0 ? "{}".getBytes(StandardCharsets.UTF_8) : body, type);
        } catch (JsonMappingException e) {
            throw new RegistryException(422, 422, "Unprocessable entity: " + e.getOriginalMessage());
        } catch (JsonProcessingException e) {
            throw new RegistryException(400, 400, "Malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new RegistryException(400, 400, "Unreadable request body: " + e.getMessage());
        }
    }
}
