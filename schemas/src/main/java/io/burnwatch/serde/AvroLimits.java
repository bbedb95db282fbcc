package io.burnwatch.serde;

import org.apache.avro.SystemLimitException;

/**
 * Caps the lengths an Avro value may claim. Avro allocates a string, bytes or collection at the length its prefix
 * states, before reading them: without a cap, 18 bytes claiming 2 GB end the JVM with an {@code OutOfMemoryError}.
 * With it, such a value fails to decode with a {@link SystemLimitException}, like any undecodable record.
 *
 * <p>Avro reads its limits once, from system properties, when it first checks one; a property set on the command
 * line ({@code -Dorg.apache.avro.limits.string.maxLength=...}) wins over these defaults.
 */
public final class AvroLimits {

    /** No burnwatch string comes near this; Kafka's default largest record is 1 MB. */
    public static final int MAX_STRING_BYTES = 1 << 20;
    public static final int MAX_BYTES = 1 << 20;
    public static final int MAX_COLLECTION_ITEMS = 100_000;

    private AvroLimits() {
    }

    /**
     * Sets the defaults where no property is set, before Avro reads them.
     *
     * @return whether the limits are in force; false if Avro had already read its limits without them
     */
    public static synchronized boolean apply() {
        setDefault(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_STRING_BYTES);
        setDefault(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_BYTES);
        setDefault(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
        try {
            SystemLimitException.checkMaxStringLength(Integer.MAX_VALUE - 8L);
            return false;
        } catch (SystemLimitException capped) {
            return true;
        }
    }

    private static void setDefault(String property, int limit) {
        if (System.getProperty(property) == null) {
            System.setProperty(property, Integer.toString(limit));
        }
    }
}
