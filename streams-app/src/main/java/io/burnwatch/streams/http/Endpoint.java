package io.burnwatch.streams.http;

/** Answers the requests of one route; exceptions become a JSON 500 without details. */
@FunctionalInterface
public interface Endpoint {

    HttpAnswer answer(HttpCall call);
}
