package io.burnwatch.streams.query;

/** A query that cannot be answered, with the HTTP status to answer it with and, for 503, when to retry. */
public final class QueryException extends RuntimeException {

    static final int RETRY_AFTER_SECONDS = 2;

    private final int status;

    QueryException(int status, String message) {
        super(message);
        this.status = status;
    }

    static QueryException badParameter(String name, Object value, String expected) {
        return new QueryException(400, "Bad parameter " + name + "=" + value + ": " + expected);
    }

    static QueryException notFound(String message) {
        return new QueryException(404, message);
    }

    static QueryException unavailable(String message) {
        return new QueryException(503, message + "; retry in " + RETRY_AFTER_SECONDS + " s");
    }

    public int status() {
        return status;
    }
}
