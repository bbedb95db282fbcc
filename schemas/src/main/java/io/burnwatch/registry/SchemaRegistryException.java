package io.burnwatch.registry;

/** A registry call failed; carries the HTTP status and Confluent error code when the registry sent them. */
public class SchemaRegistryException extends RuntimeException {

    private final int status;
    private final int errorCode;

    public SchemaRegistryException(String message, int status, int errorCode) {
        super(message);
        this.status = status;
        this.errorCode = errorCode;
    }

    public SchemaRegistryException(String message, Throwable cause) {
        super(message, cause);
        this.status = -1;
        this.errorCode = -1;
    }

    /** HTTP status, or -1 when no response came back. */
    public int status() {
        return status;
    }

    /** Confluent error code (40401 subject not found, 40403 schema not found, 409 incompatible...), or -1. */
    public int errorCode() {
        return errorCode;
    }
}
