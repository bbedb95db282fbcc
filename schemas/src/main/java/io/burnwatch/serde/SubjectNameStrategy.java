package io.burnwatch.serde;

import org.apache.avro.Schema;

/**
 * Confluent's subject naming strategies. {@link #TOPIC_NAME}, the default, allows one record type per topic;
 * {@link #TOPIC_RECORD_NAME} lets a topic carry several record types, each evolving under its own subject.
 */
public enum SubjectNameStrategy {

    /** {@code <topic>-key} or {@code <topic>-value}. */
    TOPIC_NAME("TopicNameStrategy"),
    /** {@code <topic>-<record full name>}. */
    TOPIC_RECORD_NAME("TopicRecordNameStrategy"),
    /** {@code <record full name>}, shared by every topic. */
    RECORD_NAME("RecordNameStrategy");

    private final String className;

    SubjectNameStrategy(String className) {
        this.className = className;
    }

    public String subject(String topic, boolean isKey, Schema schema) {
        return switch (this) {
            case TOPIC_NAME -> topic + (isKey ? "-key" : "-value");
            case TOPIC_RECORD_NAME -> topic + "-" + schema.getFullName();
            case RECORD_NAME -> schema.getFullName();
        };
    }

    /**
     * The strategy of a setting's value: its simple class name ({@code TopicRecordNameStrategy}), Confluent's full
     * class name ({@code io.confluent.kafka.serializers.subject.TopicRecordNameStrategy}) or this enum's name.
     */
    public static SubjectNameStrategy parse(String value) {
        String name = value.trim().substring(value.trim().lastIndexOf('.') + 1);
        for (SubjectNameStrategy strategy : values()) {
            if (strategy.className.equalsIgnoreCase(name) || strategy.name().equalsIgnoreCase(name)) {
                return strategy;
            }
        }
        throw new IllegalArgumentException("Unknown subject name strategy '" + value
                + "': use TopicNameStrategy, TopicRecordNameStrategy or RecordNameStrategy");
    }
}
