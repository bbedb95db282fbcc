package io.burnwatch.streams.query;

/** An HTTP answer with a JSON body: this instance's own, or another instance's passed on as it came. */
record Answer(int status, String json) {

    static Answer ok(Object value) {
        return new Answer(200, QueryJson.write(value));
    }

    static Answer of(QueryException problem) {
        return new Answer(problem.status(), QueryJson.error(problem.status(), problem.getMessage()));
    }
}
