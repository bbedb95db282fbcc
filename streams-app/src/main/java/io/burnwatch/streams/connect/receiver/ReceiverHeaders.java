package io.burnwatch.streams.connect.receiver;

/**
 * The Kafka record headers the receiver writes, in one place for the mappers that read them. Webhook deliveries
 * carry the vendor, event and delivery id; OTLP batches and webhook deliveries both carry the request's media type.
 */
public final class ReceiverHeaders {

    /** The request's media type without parameters: {@code application/x-protobuf} or {@code application/json}. */
    public static final String CONTENT_TYPE = "content-type";
    /** {@code github} or {@code gitlab}. */
    public static final String WEBHOOK_VENDOR = "burnwatch-webhook-vendor";
    /** The vendor's event name: {@code X-GitHub-Event} ({@code push}, {@code pull_request}, ...) or {@code X-Gitlab-Event}. */
    public static final String WEBHOOK_EVENT = "burnwatch-webhook-event";
    /** The delivery id, also the record key: {@code X-GitHub-Delivery} or {@code X-Gitlab-Event-UUID}. */
    public static final String WEBHOOK_DELIVERY = "burnwatch-webhook-delivery";

    public static final String VENDOR_GITHUB = "github";
    public static final String VENDOR_GITLAB = "gitlab";

    private ReceiverHeaders() {
    }
}
