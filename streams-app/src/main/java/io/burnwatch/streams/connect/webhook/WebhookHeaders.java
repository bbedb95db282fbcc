package io.burnwatch.streams.connect.webhook;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The headers burnwatch's HTTP receiver writes with each verified delivery on the webhooks topic (whose value is the
 * delivery's raw body and key its delivery id). Values are UTF-8.
 */
public final class WebhookHeaders {

    /** {@value #GITHUB} or {@value #GITLAB}. */
    public static final String VENDOR = "burnwatch-webhook-vendor";
    /** The vendor's event name: {@code X-GitHub-Event} ({@code push}, {@code pull_request}, {@code ping}, ...) or
     * {@code X-Gitlab-Event} ({@code Push Hook}, {@code Merge Request Hook}, ...), as sent. */
    public static final String EVENT = "burnwatch-webhook-event";
    /** The vendor's delivery id: {@code X-GitHub-Delivery} or {@code X-Gitlab-Event-UUID}. */
    public static final String DELIVERY = "burnwatch-webhook-delivery";

    public static final String GITHUB = "github";
    public static final String GITLAB = "gitlab";

    private WebhookHeaders() {
    }

    /** The last value of header {@code name}, or null. */
    static String value(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8).trim();
    }
}
