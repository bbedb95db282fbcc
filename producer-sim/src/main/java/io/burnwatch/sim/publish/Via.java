package io.burnwatch.sim.publish;

import java.util.Locale;

/** How usage and outcome events travel to the streams app: as Avro on its Avro topics, or as JSON on its JSON topics. */
public enum Via {
    AVRO("burnwatch.usage", "burnwatch.outcomes"),
    JSON("burnwatch.usage.json", "burnwatch.outcomes.json");

    private final String usageTopic;
    private final String outcomesTopic;

    Via(String usageTopic, String outcomesTopic) {
        this.usageTopic = usageTopic;
        this.outcomesTopic = outcomesTopic;
    }

    /** The streams app's default topic of usage events in this format. */
    public String usageTopic() {
        return usageTopic;
    }

    /** The streams app's default topic of outcome events in this format. */
    public String outcomesTopic() {
        return outcomesTopic;
    }

    /** @throws IllegalArgumentException naming the values there are */
    public static Via parse(String text) {
        try {
            return valueOf(text.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + text + "' is not a transport: pass avro or json");
        }
    }
}
