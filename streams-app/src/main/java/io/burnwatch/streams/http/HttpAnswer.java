package io.burnwatch.streams.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer: status, content type, body and extra headers. Errors are {@code {"status": n, "message": m}}. */
public record HttpAnswer(int status, String contentType, String body, Map<String, String> headers) {

    public static final String JSON = "application/json; charset=utf-8";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    public static HttpAnswer text(int status, String body) {
        return new HttpAnswer(status, "text/plain; charset=utf-8", body, Map.of());
    }

    public static HttpAnswer json(int status, String json) {
        return new HttpAnswer(status, JSON, json, Map.of());
    }

    public static HttpAnswer error(int status, String message) {
        return json(status, errorJson(status, message));
    }

    /** The error body every endpoint answers with. */
    public static String errorJson(int status, String message) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("status", status);
        error.put("message", message);
        try {
            return MAPPER.writeValueAsString(error);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    public HttpAnswer withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new HttpAnswer(status, contentType, body, Map.copyOf(more));
    }
}
