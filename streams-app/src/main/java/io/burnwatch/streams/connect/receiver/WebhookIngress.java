package io.burnwatch.streams.connect.receiver;

import io.burnwatch.streams.connect.webhook.WebhookHeaders;
import io.burnwatch.streams.config.BurnwatchSettings;
import io.burnwatch.streams.http.HttpAnswer;
import java.nio.charset.StandardCharsets;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /webhooks/github} and {@code POST /webhooks/gitlab}: a delivery that proves its sender (GitHub's
 * signature of the raw body, GitLab's secret token) is written as it came, keyed by its delivery id, with the
 * {@link ReceiverHeaders} vendor, event and delivery. Every event is written, {@code ping} too; the mapper picks.
 * A refused delivery is logged with the reason only, never its body or headers.
 */
abstract class WebhookIngress implements Ingress {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookIngress.class);

    private final String route;
    private final String vendor;
    private final String eventHeader;
    private final String deliveryHeader;
    private final String topic;
    private final RecordSink sink;

    private WebhookIngress(String route, String vendor, String eventHeader, String deliveryHeader, String topic,
                           RecordSink sink) {
        this.route = route;
        this.vendor = vendor;
        this.eventHeader = eventHeader;
        this.deliveryHeader = deliveryHeader;
        this.topic = topic;
        this.sink = sink;
    }

    /** GitHub: {@code X-Hub-Signature-256}, {@code X-GitHub-Event}, {@code X-GitHub-Delivery}; a blank secret disables it. */
    static WebhookIngress github(String secret, String topic, RecordSink sink) {
        byte[] key = secret.isBlank() ? null : secret.getBytes(StandardCharsets.UTF_8);
        return new WebhookIngress(ReceiverServer.GITHUB, WebhookHeaders.GITHUB, "X-GitHub-Event",
                "X-GitHub-Delivery", topic, sink) {
            @Override
            HttpAnswer beforeBody(UnaryOperator<String> headers) {
                if (key == null) {
                    return Ingress.disabled(ReceiverServer.GITHUB, BurnwatchSettings.RECEIVER_GITHUB_SECRET);
                }
                return headers.apply("X-Hub-Signature-256") == null
                        ? refused("unsigned", "The delivery has no X-Hub-Signature-256 signature") : null;
            }

            @Override
            HttpAnswer afterBody(UnaryOperator<String> headers, byte[] body) {
                return WebhookSignatures.githubValid(key, body, headers.apply("X-Hub-Signature-256")) ? null
                        : refused("bad_signature", "The X-Hub-Signature-256 signature does not match the body"
                                + " under the webhook's secret");
            }
        };
    }

    /** GitLab: {@code X-Gitlab-Token}, {@code X-Gitlab-Event}, {@code X-Gitlab-Event-UUID}; a blank token disables it. */
    static WebhookIngress gitlab(String token, String topic, RecordSink sink) {
        return new WebhookIngress(ReceiverServer.GITLAB, WebhookHeaders.GITLAB, "X-Gitlab-Event",
                "X-Gitlab-Event-UUID", topic, sink) {
            @Override
            HttpAnswer beforeBody(UnaryOperator<String> headers) {
                if (token.isBlank()) {
                    return Ingress.disabled(ReceiverServer.GITLAB, BurnwatchSettings.RECEIVER_GITLAB_TOKEN);
                }
                String given = headers.apply("X-Gitlab-Token");
                if (given == null) {
                    return refused("no_token", "The delivery has no X-Gitlab-Token");
                }
                return WebhookSignatures.tokenValid(token, given) ? null
                        : refused("bad_token", "The X-Gitlab-Token is not the webhook's secret token");
            }

            @Override
            HttpAnswer afterBody(UnaryOperator<String> headers, byte[] body) {
                return null;
            }
        };
    }

    /** Null to go on, or the refusal: the route is disabled or the sender unproven. */
    abstract HttpAnswer beforeBody(UnaryOperator<String> headers);

    /** Null if the body is the sender's, else the refusal. */
    abstract HttpAnswer afterBody(UnaryOperator<String> headers, byte[] body);

    @Override
    public HttpAnswer precheck(UnaryOperator<String> headers) {
        return beforeBody(headers);
    }

    @Override
    public HttpAnswer accept(UnaryOperator<String> headers, byte[] body) {
        HttpAnswer refusal = afterBody(headers, body);
        if (refusal != null) {
            return refusal;
        }
        String event = headers.apply(eventHeader);
        String delivery = headers.apply(deliveryHeader);
        if (event == null || event.isBlank() || delivery == null || delivery.isBlank()) {
            return HttpAnswer.error(400, "A delivery needs the " + eventHeader + " and " + deliveryHeader + " headers");
        }
        RecordHeaders recordHeaders = new RecordHeaders();
        recordHeaders.add(WebhookHeaders.VENDOR, bytes(vendor));
        recordHeaders.add(WebhookHeaders.EVENT, bytes(event.trim()));
        recordHeaders.add(WebhookHeaders.DELIVERY, bytes(delivery.trim()));
        String type = Ingress.mediaType(headers.apply("Content-Type"));
        if (!type.isEmpty()) {
            recordHeaders.add(ReceiverHeaders.CONTENT_TYPE, bytes(type));
        }
        try {
            sink.send(new ProducerRecord<>(topic, null, null, bytes(delivery.trim()), body, recordHeaders));
        } catch (RecordSink.SendFailure e) {
            return ReceiverServer.failed(e);
        }
        return HttpAnswer.json(200, "{\"accepted\":true}");
    }

    HttpAnswer refused(String reason, String message) {
        LOG.warn("receiver_refused route={} reason={}", route, reason);
        return HttpAnswer.error(401, message);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
