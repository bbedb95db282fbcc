package io.burnwatch.streams.connect.receiver;

import io.burnwatch.streams.http.HttpAnswer;
import java.util.function.UnaryOperator;

/** One POST route of the receiver: checks what the headers can tell before the body is read, then takes the body. */
interface Ingress {

    /** Null to read the body, or the answer that refuses the request: disabled, unauthenticated, wrong type. */
    HttpAnswer precheck(UnaryOperator<String> headers);

    /** Verifies and writes the whole {@code body}, and answers. */
    HttpAnswer accept(UnaryOperator<String> headers, byte[] body);

    /** The 404 of a route whose credential is not set, naming the setting that enables it. */
    static HttpAnswer disabled(String route, String setting) {
        return HttpAnswer.error(404, route + " is not enabled on this receiver: set " + setting + " ("
                + setting.toUpperCase(java.util.Locale.ROOT).replace('.', '_') + ") to enable it");
    }

    /** The media type of a Content-Type header, lower case and without parameters; empty if there is none. */
    static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(java.util.Locale.ROOT);
    }
}
