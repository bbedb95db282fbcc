package io.burnwatch.streams.http;

import java.util.function.UnaryOperator;

/**
 * One HTTP request as the endpoints see it: the method, the path and query as they came (still percent-encoded),
 * and its headers by name.
 */
public record HttpCall(String method, String path, String query, UnaryOperator<String> headers) {

    /** The first value of header {@code name}, or null. */
    public String header(String name) {
        return headers.apply(name);
    }
}
