package io.burnwatch.local.registry;

/** Small schemas for the registry's tests. */
final class TestSchemas {

    static final String USAGE_V1 = """
            {"type":"record","name":"Usage","namespace":"test","fields":[
              {"name":"user_id","type":"string"},
              {"name":"tokens","type":"long"}]}""";

    /** V1 plus a field with a default: readers on V2 can read V1 data. */
    static final String USAGE_V2_WITH_DEFAULT = """
            {"type":"record","name":"Usage","namespace":"test","fields":[
              {"name":"user_id","type":"string"},
              {"name":"tokens","type":"long"},
              {"name":"model","type":["null","string"],"default":null}]}""";

    /** V1 plus a field without a default: readers on it cannot read V1 data. */
    static final String USAGE_V2_NO_DEFAULT = """
            {"type":"record","name":"Usage","namespace":"test","fields":[
              {"name":"user_id","type":"string"},
              {"name":"tokens","type":"long"},
              {"name":"model","type":"string"}]}""";

    static final String OUTCOME = """
            {"type":"record","name":"Outcome","namespace":"test","fields":[
              {"name":"user_id","type":"string"},
              {"name":"kind","type":"string"}]}""";

    private TestSchemas() {
    }

    static SchemaRequest avro(String schema) {
        return new SchemaRequest(schema, null, null);
    }
}
