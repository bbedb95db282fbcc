package io.burnwatch.streams.connect.receiver;

/**
 * The media type header the receiver writes on OTLP batches and webhook deliveries. Webhook deliveries also carry
 * the vendor, event and delivery id the webhook mapper reads ({@link io.burnwatch.streams.connect.webhook.WebhookHeaders}).
 */
public final class ReceiverHeaders {

    /** The request's media type without parameters: {@code application/x-protobuf} or {@code application/json}. */
    public static final String CONTENT_TYPE = "content-type";

    private ReceiverHeaders() {
    }
}
