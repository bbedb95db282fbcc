package io.burnwatch.streams.connect.otlp;

/** One agent's OpenTelemetry events and how they map to burnwatch's calls and outcomes. */
interface AgentEvents {

    /** Whether {@code log} is one of this agent's events. */
    boolean claims(OtlpLogRecord log);

    /** The {@code client} burnwatch records for the agent's events. */
    String client(OtlpLogRecord log);

    /**
     * What {@code log} becomes. Fields the event lacks are left empty, for the usage and outcome contracts to
     * refuse.
     *
     * @throws io.burnwatch.streams.ingest.InvalidRecordException when an attribute has a type the mapping cannot read
     */
    Mapped map(OtlpLogRecord log, OtlpPeople people);
}
